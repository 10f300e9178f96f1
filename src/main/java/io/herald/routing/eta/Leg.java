package io.herald.routing.eta;

/**
 * One remaining stop of a route as planned: travel from the previous point (the courier's position or the previous
 * stop) and the service time at the stop, in seconds.
 */
public record Leg(int travelSeconds, int serviceSeconds) {

	public Leg {
		if (travelSeconds < 0 || serviceSeconds < 0) {
			throw new IllegalArgumentException("planned times must not be negative: travel " + travelSeconds
					+ " s, service " + serviceSeconds + " s");
		}
	}

}
