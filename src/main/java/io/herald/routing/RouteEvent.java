package io.herald.routing;

import java.time.Instant;
import java.util.UUID;

/**
 * Something a customer on a route should learn: where they are in it and when the courier is expected. Published in
 * the transaction that changed the route; the notification module turns it into messages.
 */
public sealed interface RouteEvent permits RouteEvent.StopAnnounced, RouteEvent.StopsAwayReached, RouteEvent.EtaChanged {

	UUID orderId();

	UUID merchantId();

	UUID routeId();

	Instant occurredAt();

	/** The route started (or the stop joined a started route): "you are stop k of n, expected between ...". */
	record StopAnnounced(UUID orderId, UUID merchantId, UUID routeId, int position, int total, int stopsBefore,
			Instant earliest, Instant latest, Instant occurredAt) implements RouteEvent {
	}

	/**
	 * Only {@code threshold} or fewer stops are left before this one ("2 stops away"); each threshold is announced
	 * once per order and route. {@code nearer} is true when a nearer threshold is announced by the same change, so
	 * this message says "within {@code threshold} stops" rather than the count.
	 */
	record StopsAwayReached(UUID orderId, UUID merchantId, UUID routeId, int threshold, int stopsBefore,
			boolean nearer, Instant earliest, Instant latest, Instant occurredAt) implements RouteEvent {
	}

	/** The window the customer was told moved by more than the configured amount. */
	record EtaChanged(UUID orderId, UUID merchantId, UUID routeId, Instant earliest, Instant latest,
			Instant previousEarliest, Instant previousLatest, Instant occurredAt) implements RouteEvent {
	}

}
