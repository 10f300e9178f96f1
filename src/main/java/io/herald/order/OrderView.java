package io.herald.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.order.stocking.StockingFailureReason;
import io.herald.order.stocking.StockingOutcome;
import io.herald.order.stocking.StockingStatus;
/** An order as the API shows it. */
public record OrderView(UUID id, String orderNumber, UUID merchantId, OrderState state, UUID stationId,
		String assignedBy, Stocking stocking, Destination destination, List<OrderLine> items, Customer customer,
		Instant placedAt) {

	/**
	 * The stocking part: status, and for a failure the reason, note and failed item lines, and what the customer
	 * chose to happen next (null until they chose).
	 */
	public record Stocking(StockingStatus status, StockingFailureReason reason, String note, List<Integer> failedLines,
			Instant reportedAt, Resolution customerChoice, Instant customerChoseAt) {
	}

	public static OrderView of(Order o) {
		StockingOutcome outcome = o.stockingOutcome();
		var stocking = new Stocking(o.stockingStatus(), outcome == null ? null : outcome.reason(),
				outcome == null ? null : outcome.note(), outcome == null ? List.of() : outcome.failedLines(),
				o.stockingReportedAt(), o.resolution(), o.resolvedAt());
		return new OrderView(o.id(), o.orderNumber(), o.merchantId(), o.state(), o.stationId(), o.assignedBy(),
				stocking, o.destination(), o.lines(), o.customer(), o.placedAt());
	}

}
