package io.herald.routing.eta;

import java.time.Duration;
import java.util.Objects;

/**
 * How wide ETA windows are and what the {@link EtaModel} assumes before it has seen a courier's day. Coefficients of
 * variation (CV) are standard deviations relative to the planned time; "pace" is the part of the error that repeats
 * on every leg of one courier's day, "noise" the part that is new on every leg.
 *
 * @param confidence share of arrivals the windows aim to contain (0.90)
 * @param maxWidth widest window for a stop predicted within {@code horizon} (30 min); beyond the horizon the limit
 * grows in proportion to the time ahead, so that a stop two hours away may get twice as wide a window
 * @param horizon how far ahead {@code maxWidth} applies as it is (60 min)
 * @param minWidth narrowest window (10 min): narrower would promise more than a courier can keep
 * @param travelPaceCv spread of couriers' travel pace before any stop is observed (0.15: a courier is typically 15%
 * faster or slower than the plan all day); 0 trusts the plan and learns nothing
 * @param travelNoiseCv spread of one leg's travel time around the courier's pace (0.30)
 * @param servicePaceCv spread of couriers' service pace before any stop is observed (0.25)
 * @param serviceNoiseCv spread of one stop's service time around the courier's pace (0.60: waiting at a door varies)
 * @param noiseFloor noise of every leg regardless of its length (45 s: parking, lifts, traffic lights), so that a
 * short leg is neither trusted nor feared in proportion to its length
 * @param paceDriftCv how much the pace may change from one finished stop to the next, relative to it (0.03): it keeps
 * the learning rate from falling to zero late in the day, so that a courier who tires or meets traffic is followed
 * @param outlierSigmas observations further than this many standard deviations from the expected are clipped (3.0):
 * one long wait for a customer must not be read as a slow courier
 */
public record EtaSettings(double confidence, Duration maxWidth, Duration horizon, Duration minWidth,
		double travelPaceCv, double travelNoiseCv, double servicePaceCv, double serviceNoiseCv, Duration noiseFloor,
		double paceDriftCv, double outlierSigmas) {

	public EtaSettings {
		Objects.requireNonNull(maxWidth, "maxWidth");
		Objects.requireNonNull(horizon, "horizon");
		Objects.requireNonNull(minWidth, "minWidth");
		Objects.requireNonNull(noiseFloor, "noiseFloor");
		if (!(confidence > 0 && confidence < 1)) {
			throw new IllegalArgumentException("confidence must be between 0 and 1, got " + confidence);
		}
		if (minWidth.isNegative() || minWidth.compareTo(maxWidth) > 0) {
			throw new IllegalArgumentException("need 0 <= minWidth <= maxWidth, got " + minWidth + " and " + maxWidth);
		}
		if (horizon.isNegative() || horizon.isZero()) {
			throw new IllegalArgumentException("horizon must be positive, got " + horizon);
		}
		if (noiseFloor.isNegative()) {
			throw new IllegalArgumentException("noiseFloor must not be negative, got " + noiseFloor);
		}
		requireNonNegative("travelPaceCv", travelPaceCv);
		requireNonNegative("travelNoiseCv", travelNoiseCv);
		requireNonNegative("servicePaceCv", servicePaceCv);
		requireNonNegative("serviceNoiseCv", serviceNoiseCv);
		requireNonNegative("paceDriftCv", paceDriftCv);
		if (!(outlierSigmas > 0)) {
			throw new IllegalArgumentException("outlierSigmas must be positive, got " + outlierSigmas);
		}
	}

	private static void requireNonNegative(String name, double value) {
		if (!(value >= 0) || Double.isInfinite(value)) {
			throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
		}
	}

	/** Aim: 90% of arrivals inside a window of at most 30 minutes for stops within the next hour. */
	public static EtaSettings defaults() {
		return new EtaSettings(0.90, Duration.ofMinutes(30), Duration.ofMinutes(60), Duration.ofMinutes(10), 0.15,
				0.30, 0.25, 0.60, Duration.ofSeconds(45), 0.03, 3.0);
	}

	public EtaSettings withConfidence(double confidence) {
		return new EtaSettings(confidence, maxWidth, horizon, minWidth, travelPaceCv, travelNoiseCv, servicePaceCv,
				serviceNoiseCv, noiseFloor, paceDriftCv, outlierSigmas);
	}

	public EtaSettings withWidths(Duration minWidth, Duration maxWidth) {
		return new EtaSettings(confidence, maxWidth, horizon, minWidth, travelPaceCv, travelNoiseCv, servicePaceCv,
				serviceNoiseCv, noiseFloor, paceDriftCv, outlierSigmas);
	}

	public EtaSettings withPrior(double travelPaceCv, double travelNoiseCv, double servicePaceCv,
			double serviceNoiseCv) {
		return new EtaSettings(confidence, maxWidth, horizon, minWidth, travelPaceCv, travelNoiseCv, servicePaceCv,
				serviceNoiseCv, noiseFloor, paceDriftCv, outlierSigmas);
	}

	public EtaSettings withLearning(double paceDriftCv, double outlierSigmas) {
		return new EtaSettings(confidence, maxWidth, horizon, minWidth, travelPaceCv, travelNoiseCv, servicePaceCv,
				serviceNoiseCv, noiseFloor, paceDriftCv, outlierSigmas);
	}

}
