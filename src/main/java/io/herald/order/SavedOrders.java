package io.herald.order;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.herald.platform.TransactionBatch;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The orders saved in the current transaction, as written: the listeners that plan messages and live events just
 * before the commit read the orders their events are about, and would otherwise read back, row for row, what this
 * transaction has just written. Kept in a {@link TransactionBatch} that writes nothing (the orders are written
 * already), so that a transaction suspended for an inner REQUIRES_NEW one keeps its own.
 */
final class SavedOrders {

	private SavedOrders() {
	}

	/** Remembers the order as saved in the current transaction (nothing outside a transaction). */
	static void remember(Order order) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionBatch.add(SavedOrders.class, order, orders -> {
			});
		}
	}

	/** The orders this transaction saved, as last saved, by id; empty outside a transaction or when it saved none. */
	static Map<UUID, Order> inThisTransaction() {
		Map<UUID, Order> byId = new HashMap<>();
		for (Order order : TransactionBatch.<Order>items(SavedOrders.class)) {
			byId.put(order.id(), order);
		}
		return byId;
	}

}
