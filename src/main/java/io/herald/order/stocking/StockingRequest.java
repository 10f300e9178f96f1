package io.herald.order.stocking;

import java.util.Arrays;
import java.util.List;

import io.herald.platform.InvalidRequestException;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A station's stocking report as JSON: the body of the single-report API, and (with the order's id) the data of a
 * Kafka {@code io.herald.stocking.reported} record, validated the same way for both.
 *
 * @param failedLines 1-based item lines that could not be prepared; empty: the whole order
 */
public record StockingRequest(@NotNull StockingStatus status, StockingFailureReason reason,
		@Size(max = 1000) String note, @Size(max = 500) List<@NotNull @Positive Integer> failedLines) {

	/**
	 * The outcome, after the rules bean validation cannot say.
	 * @param path prefix of the field names in the error (e.g. {@code reports[].})
	 */
	public StockingOutcome toOutcome(String path) {
		if (status == StockingStatus.PENDING) {
			throw new InvalidRequestException(path + "status", "must be STOCKED or FAILED");
		}
		if (status == StockingStatus.FAILED && reason == null) {
			throw new InvalidRequestException(path + "reason",
					"a FAILED report needs a reason: " + Arrays.toString(StockingFailureReason.values()));
		}
		if (status == StockingStatus.STOCKED && (reason != null || (failedLines != null && !failedLines.isEmpty()))) {
			throw new InvalidRequestException(path + "reason", "a STOCKED report has no reason or failed lines");
		}
		return status == StockingStatus.STOCKED ? StockingOutcome.stocked()
				: StockingOutcome.failed(reason, note, failedLines);
	}

}
