package io.herald.order;

/**
 * Outcome of placing one order.
 *
 * @param order the stored order (for CREATED and REPLAYED), null for CONFLICT
 * @param problem why the order was refused (CONFLICT), else null
 */
public record IntakeResult(String orderNumber, Status status, Order order, String problem) {

	public enum Status {

		/** Newly accepted. */
		CREATED,
		/** Same order number with the same content as before: nothing changed. */
		REPLAYED,
		/** Same order number with different content: refused, nothing changed. */
		CONFLICT

	}

}
