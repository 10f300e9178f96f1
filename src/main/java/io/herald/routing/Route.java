package io.herald.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.order.InvalidTransitionException;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.herald.platform.geo.GeoPoint;
import io.herald.routing.eta.EtaWindow;
import io.herald.routing.eta.PaceState;

/**
 * One courier's delivery run, and the only place its stops change. Every change is a transition method that checks
 * the state, refuses an invalid one (409) without changing anything, and records the {@link RouteEvent}s its
 * customers should learn, which {@link Routes} publishes after storing the route. The sequence, forecast and pace are
 * computed by {@link RoutePlanner}, and what to tell customers is decided by {@link Announcements}; both hand their
 * results to the route.
 */
public final class Route {

	private final UUID id;

	private final UUID stationId;

	private final Courier courier;

	private final GeoPoint start;

	private final Instant plannedAt;

	private RouteState state;

	/** In sequence order; {@link Stop}s are immutable, so a changed stop replaces the old one here. */
	private final List<Stop> stops;

	private GeoPoint courierAt;

	private Instant courierSeenAt;

	private PaceState pace;

	private Instant startedAt;

	private Instant finishedAt;

	private int version;

	private final List<RouteEvent> events = new ArrayList<>();

	private Route(UUID id, UUID stationId, Courier courier, GeoPoint start, Instant plannedAt, RouteState state,
			List<Stop> stops, PaceState pace, GeoPoint courierAt, Instant courierSeenAt, Instant startedAt,
			Instant finishedAt, int version) {
		this.id = id;
		this.stationId = stationId;
		this.courier = courier;
		this.start = start;
		this.plannedAt = plannedAt;
		this.state = state;
		this.stops = new ArrayList<>(stops);
		this.stops.sort(Comparator.comparingInt(Stop::position));
		this.pace = pace;
		this.courierAt = courierAt;
		this.courierSeenAt = courierSeenAt;
		this.startedAt = startedAt;
		this.finishedAt = finishedAt;
		this.version = version;
	}

	/** A new route from the station's depot through the given stops, numbered in the given order, not yet started. */
	static Route plan(UUID stationId, Courier courier, GeoPoint start, List<Stop> stops, Instant now) {
		List<Stop> numbered = new ArrayList<>();
		for (Stop stop : stops) {
			numbered.add(stop.at(numbered.size() + 1));
		}
		return new Route(UUID.randomUUID(), stationId, courier, start, now, RouteState.PLANNED, numbered,
				PaceState.initial(), null, null, null, null, 0);
	}

	/** A route as stored (repository). */
	static Route restore(UUID id, UUID stationId, Courier courier, GeoPoint start, Instant plannedAt, RouteState state,
			List<Stop> stops, PaceState pace, GeoPoint courierAt, Instant courierSeenAt, Instant startedAt,
			Instant finishedAt, int version) {
		return new Route(id, stationId, courier, start, plannedAt, state, stops, pace, courierAt, courierSeenAt,
				startedAt, finishedAt, version);
	}

	// -- the courier's run ------------------------------------------------------------------------------------------

	/** The courier leaves the station. */
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

	/** Records a stop's outcome and returns the finished stop; the route finishes with its last pending stop. */
	Stop complete(UUID orderId, StopState outcome, String reason, String note, Instant at) {
		requireState(RouteState.STARTED, "report a stop on");
		Stop stop = stop(orderId).orElseThrow(() -> new NotFoundException("Stop", orderId));
		if (!stop.pending()) {
			throw new InvalidTransitionException("stop-finished",
					"Stop for order " + orderId + " is already " + stop.state());
		}
		if (!EnumSet.of(StopState.DELIVERED, StopState.FAILED, StopState.SKIPPED).contains(outcome)) {
			throw new InvalidRequestException("outcome", "must be DELIVERED, FAILED or SKIPPED");
		}
		Stop finished = stop.finished(outcome, reason, note, at);
		replace(stop, finished);
		if (pending().isEmpty()) {
			state = RouteState.FINISHED;
			finishedAt = at;
		}
		return finished;
	}

	/** The courier was seen at a point (their phone, or the station app). */
	void reportCourierAt(GeoPoint point, Instant at) {
		requireNotFinished();
		courierAt = point;
		courierSeenAt = at;
	}

	// -- re-planning ------------------------------------------------------------------------------------------------

	/** Adds a stop at the end; the planner re-sequences afterwards. */
	void addStop(Stop stop) {
		requireNotFinished();
		stops.add(stop.at(stops.size() + 1));
	}

	/** Takes a pending stop off the route; it stays listed as REMOVED. */
	void removeStop(UUID orderId) {
		requireNotFinished();
		Stop stop = stop(orderId).filter(Stop::pending)
			.orElseThrow(() -> new InvalidTransitionException("stop-finished",
					"Order " + orderId + " is not a pending stop of route " + id));
		replace(stop, stop.removed());
	}

	/** Puts the pending stops in the given order after the finished ones; finished stops never move. */
	void resequence(List<UUID> pendingInOrder) {
		List<Stop> ordered = new ArrayList<>();
		stops.stream()
			.filter(s -> !s.pending() && s.state() != StopState.REMOVED)
			.sorted(Comparator.comparing(Stop::completedAt))
			.forEach(ordered::add);
		for (UUID orderId : pendingInOrder) {
			ordered.add(stop(orderId).orElseThrow());
		}
		stops.stream().filter(s -> s.state() == StopState.REMOVED).forEach(ordered::add);
		stops.clear();
		for (Stop s : ordered) {
			stops.add(s.at(stops.size() + 1));
		}
	}

	/** The planner's forecast for the pending stops, in their order: the planned travel to each, and its window. */
	void forecast(List<Integer> travelSeconds, List<EtaWindow> windows) {
		List<Stop> pending = pending();
		if (travelSeconds.size() != pending.size() || windows.size() != pending.size()) {
			throw new IllegalArgumentException("a forecast has one leg and one window per pending stop");
		}
		for (int i = 0; i < pending.size(); i++) {
			EtaWindow w = windows.get(i);
			replace(pending.get(i), pending.get(i).forecast(travelSeconds.get(i), w.predicted(), w.earliest(),
					w.latest()));
		}
	}

	/** What the courier's finished stops taught about their pace, for the next forecasts. */
	void adoptPace(PaceState learned) {
		pace = learned;
	}

	// -- what the customers were told -------------------------------------------------------------------------------

	/** The customer learns their place on the started route: "you are stop k of n, expected between ...". */
	void announce(UUID orderId, Instant now) {
		Stop stop = pendingOnStarted(orderId, "announce");
		events.add(new RouteEvent.StopAnnounced(orderId, stop.merchantId(), id, stop.position(), total(),
				stopsBefore(stop), stop.etaEarliest(), stop.etaLatest(), now));
		replace(stop, stop.toldPlace());
	}

	/** The customer learns they are {@code threshold} or fewer stops away ({@code nearer}: so is a nearer one). */
	void tellStopsAway(UUID orderId, int threshold, boolean nearer, Instant now) {
		Stop stop = pendingOnStarted(orderId, "tell stops away");
		events.add(new RouteEvent.StopsAwayReached(orderId, stop.merchantId(), id, threshold, stopsBefore(stop), nearer,
				stop.etaEarliest(), stop.etaLatest(), now));
		replace(stop, stop.toldStopsAway(threshold));
	}

	/** The customer learns their window moved from the one they were last told. */
	void tellEtaChanged(UUID orderId, Instant now) {
		Stop stop = pendingOnStarted(orderId, "tell a moved window");
		events.add(new RouteEvent.EtaChanged(orderId, stop.merchantId(), id, stop.etaEarliest(), stop.etaLatest(),
				stop.toldEarliest(), stop.toldLatest(), now));
		replace(stop, stop.toldEtaChanged(now));
	}

	/** Events recorded since the route was loaded, in order; cleared once taken. */
	List<RouteEvent> takeEvents() {
		var taken = List.copyOf(events);
		events.clear();
		return taken;
	}

	/** The repository stored this version. */
	void incrementVersion() {
		version++;
	}

	// -- queries ----------------------------------------------------------------------------------------------------

	/** Where the courier is now as far as Herald knows, and since when. */
	GeoPoint currentPoint() {
		Stop last = lastCompleted().orElse(null);
		if (courierSeenAt != null && (last == null || !courierSeenAt.isBefore(last.completedAt()))) {
			return courierAt;
		}
		return last != null ? last.point() : start;
	}

	Optional<Stop> lastCompleted() {
		return stops.stream().filter(s -> s.completedAt() != null).max(Comparator.comparing(Stop::completedAt));
	}

	Optional<Stop> stop(UUID orderId) {
		return stops.stream().filter(s -> s.orderId().equals(orderId)).findFirst();
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
		return (int) stops.stream().filter(s -> s.state() != StopState.REMOVED).count();
	}

	private void replace(Stop old, Stop changed) {
		stops.set(stops.indexOf(old), changed);
	}

	private Stop pendingOnStarted(UUID orderId, String action) {
		requireState(RouteState.STARTED, action + " on");
		return stop(orderId).filter(Stop::pending)
			.orElseThrow(() -> new InvalidTransitionException("stop-finished",
					"Order " + orderId + " is not a pending stop of route " + id));
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

	Instant plannedAt() { return plannedAt; }
	GeoPoint courierAt() { return courierAt; }
	Instant courierSeenAt() { return courierSeenAt; }
	PaceState pace() { return pace; }
	Instant startedAt() { return startedAt; }
	Instant finishedAt() { return finishedAt; }
	int version() { return version; }

}
