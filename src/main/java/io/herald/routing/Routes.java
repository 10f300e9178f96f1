package io.herald.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.herald.order.DeliveryFailureReason;
import io.herald.order.InvalidTransitionException;
import io.herald.order.Order;
import io.herald.order.OrderState;
import io.herald.order.Orders;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.herald.platform.geo.GeoPoint;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The routing module's API: dispatch a route, start it, record stop outcomes and courier positions, re-plan. Each
 * call is one transaction in which the route, the orders' transitions and the customers' announcements commit
 * together. New routes are planned by {@link RouteDispatch}; the changes to a route are made here.
 */
@Service
public class Routes {

	/** How far ahead of Herald's clock a position's time may be (a phone's clock is seldom exact). */
	static final java.time.Duration FUTURE_POSITION_TOLERANCE = java.time.Duration.ofMinutes(5);

	private final RouteRepository repository;

	private final RouteDispatch dispatch;

	private final DispatchableOrders dispatchable;

	private final RoutePlanner planner;

	private final Announcements announcements;

	private final Orders orders;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Routes(RouteRepository repository, RouteDispatch dispatch, DispatchableOrders dispatchable, RoutePlanner planner,
			Announcements announcements, Orders orders, ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.dispatch = dispatch;
		this.dispatchable = dispatchable;
		this.planner = planner;
		this.announcements = announcements;
		this.orders = orders;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Plans a route for a courier with the given STOCKED orders of the station, or, when none are given, all its
	 * STOCKED orders not yet on a route.
	 */
	@Transactional
	public Route dispatch(UUID stationId, Courier courier, List<UUID> orderIds, Map<UUID, Promise> promises) {
		return dispatch.dispatch(stationId, courier, orderIds, promises);
	}

	/**
	 * Splits the station's STOCKED orders (the given ones, or all not yet on a route) among several couriers within
	 * their capacity in items and shift ends, and plans one route per courier that gets stops. Orders no courier can
	 * take stay STOCKED and are reported, never dropped.
	 */
	@Transactional
	public SplitOutcome split(UUID stationId, List<CourierShift> couriers, List<UUID> orderIds) {
		return dispatch.split(stationId, couriers, orderIds);
	}

	/** A courier available for a split: capacity in items and an optional shift end. */
	public record CourierShift(Courier courier, int capacityItems, Instant shiftEnd) {
	}

	/** The planned routes and the orders no courier could take. */
	public record SplitOutcome(List<Route> routes, List<UUID> unassigned) {
	}

	@Transactional
	public Route start(UUID routeId, UUID stationId) {
		Route route = load(routeId, stationId);
		Instant now = clock.instant();
		route.start(now);
		List<Order> locked = orders.lockAll(route.pending().stream().map(Stop::orderId).toList());
		for (Order o : locked) {
			if (o.state() != OrderState.STOCKED) {
				throw new InvalidTransitionException("order-not-stocked",
						"Order " + o.orderNumber() + " is " + o.state() + "; take it off the route before starting");
			}
		}
		orders.applyDelivery(locked, o -> o.startDelivery(routeId, now));
		planner.forecast(route, now);
		announceAndSave(route, now);
		return route;
	}

	/**
	 * Records what happened at a stop. The remaining stops are re-sequenced from there and their windows forecast
	 * again with what the courier's pace taught.
	 */
	@Transactional
	public Route completeStop(UUID routeId, UUID stationId, UUID orderId, StopState outcome,
			DeliveryFailureReason reason, String note, Instant arrivedAt) {
		return complete(load(routeId, stationId), orderId, outcome, reason, note, arrivedAt);
	}

	/**
	 * A stop's outcome from an intake that delivers at least once (Kafka re-applies a batch after a crash): the
	 * outcome already recorded for the stop, with the same reason, is a repeat and changes nothing, where the API
	 * answers 409. Same rules otherwise.
	 * @return whether the route changed
	 */
	@Transactional
	public boolean completeStopOnce(UUID routeId, UUID stationId, UUID orderId, StopOutcomeReport report) {
		report.check();
		Route route = load(routeId, stationId);
		String reason = report.reason() == null ? null : report.reason().name();
		boolean repeat = route.stop(orderId)
			.filter(stop -> !stop.pending() && stop.state() == report.outcome()
					&& Objects.equals(stop.failureReason(), reason))
			.isPresent();
		if (!repeat) {
			complete(route, orderId, report.outcome(), report.reason(), report.note(), report.arrivedAt());
		}
		return !repeat;
	}

	private Route complete(Route route, UUID orderId, StopState outcome, DeliveryFailureReason reason, String note,
			Instant arrivedAt) {
		UUID routeId = route.id();
		Instant now = clock.instant();
		Instant previousAt = route.lastCompleted().map(Stop::completedAt).orElse(route.startedAt());
		Stop stop = route.complete(orderId, outcome, reason == null ? null : reason.name(), note, now);
		planner.learn(route, stop, previousAt, arrivedAt);
		planner.resequence(route, now);
		List<Order> locked = orders.lockAll(List.of(orderId));
		switch (outcome) {
			case DELIVERED -> orders.applyDelivery(locked, o -> o.deliver(routeId, now));
			case FAILED -> orders.applyDelivery(locked, o -> o.failDelivery(routeId, reason, note, now));
			case SKIPPED -> orders.applyDelivery(locked, o -> o.returnToStation(now));
			// Route.complete has refused any other outcome
			default -> throw new IllegalStateException("unexpected outcome " + outcome);
		}
		planner.forecast(route, now);
		announceAndSave(route, now);
		return route;
	}

	@Transactional
	public Route position(UUID routeId, UUID stationId, GeoPoint point, Instant at) {
		return position(load(routeId, stationId), point, at);
	}

	/**
	 * A courier position from an intake that delivers at least once, or late: ignored when the route has finished or
	 * a position as recent is known already (a re-applied or overtaken record), where the API would take it.
	 * @return whether the route changed
	 */
	@Transactional
	public boolean positionOnce(UUID routeId, UUID stationId, PositionReport report) {
		Route route = load(routeId, stationId);
		Instant now = clock.instant();
		Instant at = report.at() == null ? now : report.at();
		if (at.isAfter(now.plus(FUTURE_POSITION_TOLERANCE))) {
			// taken, it would make every true position after it look older, and so ignored, until the route ends
			throw new InvalidRequestException("at", "is " + at + ", in the future");
		}
		if (route.state() == RouteState.FINISHED
				|| (route.courierSeenAt() != null && !at.isAfter(route.courierSeenAt()))) {
			return false;
		}
		position(route, report.point(), at);
		return true;
	}

	private Route position(Route route, GeoPoint point, Instant at) {
		Instant now = clock.instant();
		Instant previousNextEta = route.pending().isEmpty() ? null : route.pending().get(0).eta();
		route.reportCourierAt(point, at == null ? now : at);
		planner.forecast(route, now);
		if (route.state() == RouteState.STARTED && planner.offPlan(route, previousNextEta)) {
			// running ahead or behind: the remaining order may no longer be the best one
			planner.resequence(route, now);
			planner.forecast(route, now);
		}
		announceAndSave(route, now, true);
		return route;
	}

	/** Adds and removes stops, then re-sequences the pending ones; stops already visited stay where they are. */
	@Transactional
	public Route replan(UUID routeId, UUID stationId, List<UUID> add, List<UUID> remove) {
		Route route = load(routeId, stationId);
		Instant now = clock.instant();
		for (UUID orderId : remove == null ? List.<UUID>of() : remove) {
			route.removeStop(orderId);
			if (route.state() == RouteState.STARTED) {
				orders.applyDelivery(orders.lockAll(List.of(orderId)), o -> o.returnToStation(now));
			}
		}
		if (add != null && !add.isEmpty()) {
			List<Order> added = dispatchable.eligible(stationId, new LinkedHashSet<>(add));
			for (Order o : added) {
				route.addStop(dispatchable.stopFor(o, null));
			}
			if (route.state() == RouteState.STARTED) {
				orders.applyDelivery(added, o -> o.startDelivery(routeId, now));
			}
		}
		planner.sequence(route, now);
		planner.forecast(route, now);
		announceAndSave(route, now);
		return route;
	}

	public Route get(UUID routeId, UUID stationId) {
		return repository.find(routeId, false)
			.filter(r -> stationId == null || r.stationId().equals(stationId))
			.orElseThrow(() -> new NotFoundException("Route", routeId));
	}

	public List<Route> list(UUID stationId, RouteState state) {
		return repository.findByStation(stationId, state);
	}

	/** The order's place on its latest route, or "not on a route". */
	public DeliveryPosition positionOf(UUID orderId) {
		return latestRouteOf(orderId).flatMap(route -> route.stop(orderId).map(stop -> DeliveryPosition.of(route, stop)))
			.orElse(DeliveryPosition.notOnARoute(orderId));
	}

	/** The order's latest route, if it was ever on one. */
	public Optional<Route> latestRouteOf(UUID orderId) {
		return repository.latestRouteOf(orderId).flatMap(id -> repository.find(id, false));
	}

	/**
	 * Has the route record what the change means for its customers, stores it, then publishes what it recorded: all in
	 * the caller's transaction, where the notification module plans its messages from the events.
	 */
	private void announceAndSave(Route route, Instant now) {
		announceAndSave(route, now, false);
	}

	/** @param moved only the courier moved: the pages of the customers who see the courier change, no others */
	private void announceAndSave(Route route, Instant now, boolean moved) {
		announcements.decide(route, now);
		repository.update(route);
		route.takeEvents().forEach(events::publishEvent);
		if (route.state() == RouteState.STARTED) {
			List<UUID> shown = route.pending().stream()
				.limit(moved ? DeliveryPosition.COURIER_VISIBLE_WITHIN + 1 : Long.MAX_VALUE)
				.map(Stop::orderId)
				.toList();
			if (!shown.isEmpty()) {
				events.publishEvent(new RouteProgressed(route.id(), shown, now));
			}
		}
	}

	private Route load(UUID routeId, UUID stationId) {
		return repository.find(routeId, true)
			.filter(r -> stationId == null || r.stationId().equals(stationId))
			.orElseThrow(() -> new NotFoundException("Route", routeId));
	}

	/** A delivery slot promised to the customer. */
	public record Promise(Instant from, Instant to) {
	}

}
