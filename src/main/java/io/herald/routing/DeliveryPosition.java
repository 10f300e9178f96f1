package io.herald.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * An order's place on its latest route, as its customer may see it: "stop 4 of 12, 2 before you", the ETA window,
 * and the courier's last position only while they are within a few stops.
 *
 * @param stopsBefore pending stops before this one, or null once the stop is finished
 * @param courierLat the courier's last reported position while within {@link #COURIER_VISIBLE_WITHIN} stops, else
 * null
 */
public record DeliveryPosition(UUID orderId, UUID routeId, RouteState routeState, StopState stopState,
		Integer position, Integer total, Integer stopsBefore, String summary, Instant windowEarliest,
		Instant windowLatest, Instant completedAt, Double courierLat, Double courierLon, Instant courierSeenAt) {

	/** The courier's position is shown to a customer with at most this many stops before them. */
	public static final int COURIER_VISIBLE_WITHIN = 3;

	static DeliveryPosition notOnARoute(UUID orderId) {
		return new DeliveryPosition(orderId, null, null, null, null, null, null, "not on a route", null, null, null,
				null, null, null);
	}

	static DeliveryPosition of(Route route, Stop stop) {
		int before = stop.pending() ? route.stopsBefore(stop) : 0;
		String summary = stop.pending()
				? "stop " + stop.position() + " of " + route.total() + ", " + before + " before you"
				: "stop " + stop.position() + " of " + route.total() + ": " + stop.state();
		boolean near = stop.pending() && route.state() == RouteState.STARTED && before <= COURIER_VISIBLE_WITHIN
				&& route.courierAt() != null;
		return new DeliveryPosition(stop.orderId(), route.id(), route.state(), stop.state(), stop.position(),
				route.total(), stop.pending() ? before : null, summary, stop.pending() ? stop.etaEarliest() : null,
				stop.pending() ? stop.etaLatest() : null, stop.completedAt(), near ? route.courierAt().lat() : null,
				near ? route.courierAt().lon() : null, near ? route.courierSeenAt() : null);
	}

}
