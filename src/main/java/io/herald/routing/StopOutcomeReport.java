package io.herald.routing;

import java.time.Instant;
import java.util.Arrays;

import io.herald.order.DeliveryFailureReason;
import io.herald.platform.InvalidRequestException;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What the courier reports at a stop: the JSON of the stop outcome API and of a Kafka {@code io.herald.stop.completed}
 * record, validated the same way for both.
 *
 * @param arrivedAt when the courier arrived, if known (teaches the ETA model the pace)
 */
public record StopOutcomeReport(@NotNull StopState outcome, DeliveryFailureReason reason,
		@Size(max = 1000) String note, Instant arrivedAt) {

	/** The rules bean validation cannot say: which outcomes a courier may report, and a reason for exactly a failure. */
	public void check() {
		if (outcome == StopState.PENDING || outcome == StopState.REMOVED) {
			throw new InvalidRequestException("outcome", "must be DELIVERED, FAILED or SKIPPED");
		}
		if (outcome == StopState.FAILED && reason == null) {
			throw new InvalidRequestException("reason",
					"a FAILED stop needs a reason: " + Arrays.toString(DeliveryFailureReason.values()));
		}
		if (outcome != StopState.FAILED && reason != null) {
			throw new InvalidRequestException("reason", "only a FAILED stop has a reason");
		}
	}

}
