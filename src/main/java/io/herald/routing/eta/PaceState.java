package io.herald.routing.eta;

/**
 * What the {@link EtaModel} has learned about one courier's day: the courier's pace for travel and for service, and
 * how sure it is of each. Plain numbers, to be stored with the route and handed back on the next call.
 *
 * @param travelFactor expected ratio of actual to planned travel time (1.2: travels 20% slower than planned)
 * @param travelUncertainty variance of the travel pace left, as a share of the prior's (1 before any observation,
 * falling towards 0 as stops are observed)
 * @param serviceFactor expected ratio of actual to planned service time
 * @param serviceUncertainty variance of the service pace left, as a share of the prior's
 * @param observations finished stops learned from
 */
public record PaceState(double travelFactor, double travelUncertainty, double serviceFactor,
		double serviceUncertainty, int observations) {

	public PaceState {
		if (!(travelFactor > 0) || !(serviceFactor > 0) || Double.isInfinite(travelFactor)
				|| Double.isInfinite(serviceFactor)) {
			throw new IllegalArgumentException(
					"pace factors must be positive and finite, got " + travelFactor + " and " + serviceFactor);
		}
		if (!(travelUncertainty >= 0) || !(serviceUncertainty >= 0) || Double.isInfinite(travelUncertainty)
				|| Double.isInfinite(serviceUncertainty)) {
			throw new IllegalArgumentException("uncertainties must be finite and >= 0, got " + travelUncertainty
					+ " and " + serviceUncertainty);
		}
		if (observations < 0) {
			throw new IllegalArgumentException("observations must not be negative, got " + observations);
		}
	}

	/** A courier at the start of the day: on plan, as uncertain as the prior. */
	public static PaceState initial() {
		return new PaceState(1, 1, 1, 1, 0);
	}

}
