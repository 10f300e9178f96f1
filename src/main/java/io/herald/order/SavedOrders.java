package io.herald.order;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The orders saved in the current transaction, as written: the listeners that plan messages and live events just
 * before the commit read the orders their events are about, and would otherwise read back, row for row, what this
 * transaction has just written. Kept as the transaction's synchronization (like TransactionBatch), so that a
 * transaction suspended for an inner REQUIRES_NEW one keeps its own.
 */
final class SavedOrders implements TransactionSynchronization {

	private final Map<UUID, Order> byId = new HashMap<>();

	/** Remembers these orders as saved in the current transaction (nothing outside a transaction). */
	static void remember(Collection<Order> orders) {
		if (orders.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		SavedOrders saved = current();
		if (saved == null) {
			saved = new SavedOrders();
			TransactionSynchronizationManager.registerSynchronization(saved);
		}
		for (Order order : orders) {
			saved.byId.put(order.id(), order);
		}
	}

	/** The orders this transaction saved, as saved, by id; empty outside a transaction or when it saved none. */
	static Map<UUID, Order> inThisTransaction() {
		SavedOrders saved = TransactionSynchronizationManager.isSynchronizationActive() ? current() : null;
		return saved == null ? Map.of() : saved.byId;
	}

	private static SavedOrders current() {
		for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
			if (s instanceof SavedOrders saved) {
				return saved;
			}
		}
		return null;
	}

}
