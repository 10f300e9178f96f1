package io.herald.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.order.Order;
import io.herald.order.OrderLine;
import io.herald.platform.geo.GeoPoint;
import io.herald.routing.split.SplitPlanner;
import io.herald.routing.split.SplitProblem;
import io.herald.routing.split.SplitResult;
import io.herald.routing.split.Vehicle;
import io.herald.routing.sequence.TimeWindow;
import io.herald.routing.travel.TravelTimeModel;
import io.herald.station.Station;
import io.herald.station.Stations;
import org.springframework.stereotype.Component;

/**
 * Plans new routes: one for a courier, or a split of the station's orders among several couriers. Runs in the
 * transaction of the {@link Routes} call; a new route is PLANNED, so nobody is told anything yet.
 */
@Component
class RouteDispatch {

	private final DispatchableOrders dispatchable;

	private final RouteRepository repository;

	private final RoutePlanner planner;

	private final Stations stations;

	private final RoutingSettings settings;

	private final TravelTimeModel travel;

	private final Clock clock;

	RouteDispatch(DispatchableOrders dispatchable, RouteRepository repository, RoutePlanner planner, Stations stations,
			RoutingSettings settings, TravelTimeModel travel, Clock clock) {
		this.dispatchable = dispatchable;
		this.repository = repository;
		this.planner = planner;
		this.stations = stations;
		this.settings = settings;
		this.travel = travel;
		this.clock = clock;
	}

	/** See {@link Routes#dispatch}. */
	Route dispatch(UUID stationId, Courier courier, List<UUID> orderIds, Map<UUID, Routes.Promise> promises) {
		Station station = stations.get(stationId);
		List<Order> chosen = dispatchable.choose(stationId, orderIds);
		Instant now = clock.instant();
		List<Stop> stops = new ArrayList<>();
		for (Order o : chosen) {
			stops.add(dispatchable.stopFor(o, promises == null ? null : promises.get(o.id())));
		}
		Route route = Route.plan(stationId, courier, depot(station), stops, now);
		planner.sequence(route, now);
		planner.forecast(route, now);
		repository.insert(route);
		return route;
	}

	/** See {@link Routes#split}. */
	Routes.SplitOutcome split(UUID stationId, List<Routes.CourierShift> couriers, List<UUID> orderIds) {
		Station station = stations.get(stationId);
		List<Order> chosen = dispatchable.choose(stationId, orderIds);
		Instant now = clock.instant();
		GeoPoint depot = depot(station);
		List<GeoPoint> points = new ArrayList<>();
		points.add(depot);
		chosen.forEach(o -> points.add(DispatchableOrders.destination(o)));
		// one matrix for all couriers, with the first courier's vehicle: the split needs comparable times
		int[][] matrix = travel.matrix(points, couriers.get(0).courier().vehicleProfile());
		int n = chosen.size();
		int[] demand = new int[n + 1];
		int[] service = new int[n + 1];
		for (int i = 0; i < n; i++) {
			demand[i + 1] = chosen.get(i).lines().stream().mapToInt(OrderLine::quantity).sum();
			service[i + 1] = (int) settings.serviceTime().toSeconds();
		}
		List<Vehicle> vehicles = new ArrayList<>();
		for (int k = 0; k < couriers.size(); k++) {
			Routes.CourierShift c = couriers.get(k);
			int shiftEnd = c.shiftEnd() == null ? Integer.MAX_VALUE
					: (int) Math.max(0, Math.min(Integer.MAX_VALUE, Duration.between(now, c.shiftEnd()).toSeconds()));
			vehicles.add(new Vehicle(Integer.toString(k), c.capacityItems(), shiftEnd));
		}
		SplitResult result = new SplitPlanner(settings.sequencerBudget(), settings.sequencerSeed())
			.plan(new SplitProblem(matrix, demand, service, new TimeWindow[n + 1], vehicles, false));
		List<Route> planned = new ArrayList<>();
		for (int k = 0; k < couriers.size(); k++) {
			int[] sequence = result.routes().get(k);
			if (sequence.length == 0) {
				continue;
			}
			List<Stop> stops = new ArrayList<>();
			for (int index : sequence) {
				stops.add(dispatchable.stopFor(chosen.get(index - 1), null));
			}
			Route route = Route.plan(stationId, couriers.get(k).courier(), depot, stops, now);
			// the split's own order is kept unless the sequencer finds a better one for this courier
			planner.resequence(route, now);
			planner.forecast(route, now);
			repository.insert(route);
			planned.add(route);
		}
		List<UUID> unassigned = new ArrayList<>();
		for (int index : result.unassigned()) {
			unassigned.add(chosen.get(index - 1).id());
		}
		return new Routes.SplitOutcome(planned, unassigned);
	}

	private static GeoPoint depot(Station station) {
		return new GeoPoint(station.depotLat(), station.depotLon());
	}

}
