package io.herald.routing.eta;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The predicted arrival of a courier at one stop and the window {@code [earliest, latest]} told to the customer. */
public record EtaWindow(Instant predicted, Instant earliest, Instant latest) {

	public EtaWindow {
		Objects.requireNonNull(predicted, "predicted");
		Objects.requireNonNull(earliest, "earliest");
		Objects.requireNonNull(latest, "latest");
		if (earliest.isAfter(predicted) || predicted.isAfter(latest)) {
			throw new IllegalArgumentException(
					"window [" + earliest + ", " + latest + "] does not contain its prediction " + predicted);
		}
	}

	public Duration width() {
		return Duration.between(earliest, latest);
	}

	public boolean contains(Instant arrival) {
		return !arrival.isBefore(earliest) && !arrival.isAfter(latest);
	}

}
