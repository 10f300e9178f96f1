package io.herald.order.stocking;

import java.util.List;
import java.util.Objects;

/**
 * What a station reports for one order: stocked, or failed with a reason, an optional note and optionally the item
 * lines (1-based) that failed. Two outcomes are "the same report" when status, reason and lines agree; the free-text
 * note does not make a report different.
 */
public record StockingOutcome(StockingStatus status, StockingFailureReason reason, String note,
		List<Integer> failedLines) {

	public StockingOutcome {
		if (status == StockingStatus.PENDING) {
			throw new IllegalArgumentException("a report is STOCKED or FAILED");
		}
		if (status == StockingStatus.FAILED && reason == null) {
			throw new IllegalArgumentException("a failure needs a reason");
		}
		if (status == StockingStatus.STOCKED) {
			reason = null;
			note = null;
			failedLines = List.of();
		}
		failedLines = failedLines == null ? List.of() : failedLines.stream().distinct().sorted().toList();
	}

	public static StockingOutcome stocked() {
		return new StockingOutcome(StockingStatus.STOCKED, null, null, List.of());
	}

	public static StockingOutcome failed(StockingFailureReason reason, String note, List<Integer> lines) {
		return new StockingOutcome(StockingStatus.FAILED, reason, note, lines);
	}

	public boolean sameAs(StockingOutcome other) {
		return other != null && status == other.status && reason == other.reason
				&& Objects.equals(failedLines, other.failedLines);
	}

}
