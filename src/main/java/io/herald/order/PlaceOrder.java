package io.herald.order;

import java.time.Instant;
import java.util.List;

/**
 * Command to accept one order at intake. Already validated for form (Bean Validation at the edge).
 *
 * @param placedAt null: now
 */
public record PlaceOrder(String orderNumber, Destination destination, List<Item> items, Customer customer,
		Instant placedAt) {

	/** An item line as submitted, before it gets its line number. */
	public record Item(String sku, String name, int quantity) {
	}

}
