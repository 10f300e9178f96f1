package io.herald.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.platform.geo.GeoPoint;

/**
 * A route as the API (and the station app) shows it: the sequence with each stop's window and how many stops are
 * before it.
 */
public record RouteView(UUID id, UUID stationId, Courier courier, RouteState state, Instant plannedAt, Instant startedAt,
		Instant finishedAt, Position courierPosition, int total, int remaining, List<StopView> stops) {

	public record Position(double lat, double lon, Instant at) {
	}

	public record Window(Instant earliest, Instant latest) {
	}

	public record StopView(UUID orderId, int position, StopState state, Integer stopsBefore, Instant eta, Window window,
			double lat, double lon, String failureReason, String failureNote, Instant completedAt) {
	}

	public static RouteView of(Route r) {
		List<Stop> pending = r.pending();
		List<StopView> stops = r.stops().stream()
			.map(s -> new StopView(s.orderId(), s.position(), s.state(), s.pending() ? pending.indexOf(s) : null,
					s.pending() ? s.eta() : null, s.pending() ? new Window(s.etaEarliest(), s.etaLatest()) : null,
					s.point().lat(), s.point().lon(), s.failureReason(), s.failureNote(), s.completedAt()))
			.toList();
		GeoPoint at = r.courierAt();
		return new RouteView(r.id(), r.stationId(), r.courier(), r.state(), r.plannedAt(), r.startedAt(),
				r.finishedAt(), at == null ? null : new Position(at.lat(), at.lon(), r.courierSeenAt()), r.total(),
				pending.size(), stops);
	}

}
