package io.herald.order.stocking;

import java.util.UUID;

/**
 * Outcome of one stocking report.
 *
 * @param status APPLIED: state changed and the customer will be told; UNCHANGED: the same report again, nothing
 * changed; NOT_FOUND, CONFLICT, INVALID: refused, nothing changed
 */
public record StockingResult(UUID orderId, Status status, String detail) {

	public enum Status {

		APPLIED, UNCHANGED, NOT_FOUND, CONFLICT, INVALID

	}

}
