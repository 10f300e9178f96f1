package io.herald.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.order.InvalidTransitionException;
import io.herald.platform.geo.GeoPoint;
import io.herald.routing.eta.PaceState;

/**
 * One courier's delivery run. Transitions check the state and refuse (409) without changing anything; the sequence
 * and forecast are computed by {@link RoutePlanner} and applied here.
 */
public final class Route {

	final UUID id;

	final UUID stationId;

	final Courier courier;

	final GeoPoint start;

	final Instant plannedAt;

	RouteState state;

	final List<Stop> stops;

	GeoPoint courierAt;

	Instant courierSeenAt;

	PaceState pace;

	Instant startedAt;

	Instant finishedAt;

	int version;

	Route(UUID id, UUID stationId, Courier courier, GeoPoint start, Instant plannedAt, RouteState state,
			List<Stop> stops, PaceState pace) {
		this.id = id;
		this.stationId = stationId;
		this.courier = courier;
		this.start = start;
		this.plannedAt = plannedAt;
		this.state = state;
		this.stops = new ArrayList<>(stops);
		this.stops.sort(Comparator.comparingInt(s -> s.position));
		this.pace = pace;
	}

	void start(Instant now) {
		if (state != RouteState.PLANNED) {
			throw new InvalidTransitionException("invalid-transition", "Route " + id + " is " + state + ", not PLANNED");
		}
		if (pending().isEmpty()) {
			throw new InvalidTransitionException("empty-route", "Route " + id + " has no stops to deliver");
		}
		state = RouteState.STARTED;
		startedAt = now;
	}

	/** Records a stop's outcome; the route finishes with its last pending stop. */
	Stop complete(UUID orderId, StopState outcome, String reason, String note, Instant at) {
		requireState(RouteState.STARTED, "report a stop on");
		Stop stop = stop(orderId).orElseThrow(() -> new io.herald.platform.NotFoundException("Stop", orderId));
		if (!stop.pending()) {
			throw new InvalidTransitionException("stop-finished",
					"Stop for order " + orderId + " is already " + stop.state);
		}
		stop.state = outcome;
		stop.failureReason = reason;
		stop.failureNote = note;
		stop.completedAt = at;
		if (pending().isEmpty()) {
			state = RouteState.FINISHED;
			finishedAt = at;
		}
		return stop;
	}

	void courierAt(GeoPoint point, Instant at) {
		requireNotFinished();
		courierAt = point;
		courierSeenAt = at;
	}

	void add(Stop stop) {
		requireNotFinished();
		stop.position = stops.size() + 1;
		stops.add(stop);
	}

	Stop remove(UUID orderId) {
		requireNotFinished();
		Stop stop = stop(orderId).filter(Stop::pending)
			.orElseThrow(() -> new InvalidTransitionException("stop-finished",
					"Order " + orderId + " is not a pending stop of route " + id));
		stop.state = StopState.REMOVED;
		return stop;
	}

	/** Puts the pending stops in the given order after the finished ones; finished stops never move. */
	void resequence(List<UUID> pendingInOrder) {
		List<Stop> done = stops.stream().filter(s -> !s.pending() && s.state != StopState.REMOVED)
			.sorted(Comparator.comparing(s -> s.completedAt))
			.toList();
		int position = 0;
		List<Stop> ordered = new ArrayList<>();
		for (Stop s : done) {
			s.position = ++position;
			ordered.add(s);
		}
		for (UUID orderId : pendingInOrder) {
			Stop s = stop(orderId).orElseThrow();
			s.position = ++position;
			ordered.add(s);
		}
		for (Stop s : stops) {
			if (s.state == StopState.REMOVED) {
				s.position = ++position;
				ordered.add(s);
			}
		}
		stops.clear();
		stops.addAll(ordered);
	}

	/** Where the courier is now as far as Herald knows, and since when. */
	GeoPoint currentPoint() {
		Stop last = lastCompleted().orElse(null);
		if (courierSeenAt != null && (last == null || !courierSeenAt.isBefore(last.completedAt))) {
			return courierAt;
		}
		return last != null ? last.point : start;
	}

	Optional<Stop> lastCompleted() {
		return stops.stream().filter(s -> s.completedAt != null).max(Comparator.comparing(s -> s.completedAt));
	}

	Optional<Stop> stop(UUID orderId) {
		return stops.stream().filter(s -> s.orderId.equals(orderId)).findFirst();
	}

	List<Stop> pending() {
		return stops.stream().filter(Stop::pending).toList();
	}

	/** How many pending stops come before this pending one ("2 before you"). */
	int stopsBefore(Stop stop) {
		return pending().indexOf(stop);
	}

	/** Stops that count for "k of n": all but removed ones. */
	int total() {
		return (int) stops.stream().filter(s -> s.state != StopState.REMOVED).count();
	}

	private void requireNotFinished() {
		if (state == RouteState.FINISHED) {
			throw new InvalidTransitionException("route-finished", "Route " + id + " is finished");
		}
	}

	private void requireState(RouteState required, String action) {
		if (state != required) {
			throw new InvalidTransitionException(state == RouteState.FINISHED ? "route-finished" : "invalid-transition",
					"Cannot " + action + " route " + id + " in state " + state);
		}
	}

	public UUID id() { return id; }
	public UUID stationId() { return stationId; }
	public Courier courier() { return courier; }
	public GeoPoint start() { return start; }
	public RouteState state() { return state; }
	public List<Stop> stops() { return List.copyOf(stops); }

}
