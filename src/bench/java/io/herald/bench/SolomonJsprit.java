package io.herald.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.termination.TimeTermination;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.cost.AbstractForwardVehicleRoutingTransportCosts;
import com.graphhopper.jsprit.core.problem.driver.Driver;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.Vehicle;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleTypeImpl;
import com.graphhopper.jsprit.core.util.Solutions;

import io.herald.routing.split.SplitResult;

/**
 * jsprit's default ruin-and-recreate algorithm (one thread, its own time termination) on a Solomon instance, for
 * comparison: the file's fleet, capacities, windows, service times and depot closing time, exact Euclidean distances
 * as travel time and cost, and a fixed cost per vehicle larger than any route so that fewer vehicles come first.
 */
final class SolomonJsprit {

	/** Per vehicle used, in distance units: more than any Solomon route is long. */
	private static final double VEHICLE_COST = 10_000;

	private SolomonJsprit() {
	}

	/** jsprit logs every iteration at INFO: noise on stderr and lost search time on a timed run. */
	static void quiet() {
		if (org.slf4j.LoggerFactory.getLogger("com.graphhopper") instanceof ch.qos.logback.classic.Logger logger) {
			logger.setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

	static SplitResult solve(SolomonInstance instance, Duration budget, long seed) {
		int size = instance.customers() + 1;
		VehicleRoutingProblem.Builder problem = VehicleRoutingProblem.Builder.newInstance()
			.setFleetSize(VehicleRoutingProblem.FleetSize.FINITE)
			.setRoutingCost(new EuclideanCosts(instance));
		VehicleTypeImpl type = VehicleTypeImpl.Builder.newInstance("solomon")
			.addCapacityDimension(0, instance.capacity)
			.setFixedCost(VEHICLE_COST)
			.setCostPerDistance(1)
			.build();
		for (int k = 0; k < instance.vehicles; k++) {
			problem.addVehicle(VehicleImpl.Builder.newInstance("v" + k)
				.setStartLocation(Location.newInstance(0))
				.setType(type)
				.setEarliestStart(instance.ready[0])
				.setLatestArrival(instance.due[0])
				.setReturnToDepot(true)
				.build());
		}
		for (int node = 1; node < size; node++) {
			problem.addJob(Service.Builder.newInstance(Integer.toString(node))
				.setLocation(Location.newInstance(node))
				.addSizeDimension(0, instance.demand[node])
				.setServiceTime(instance.service[node])
				.setTimeWindow(com.graphhopper.jsprit.core.problem.solution.route.activity.TimeWindow
					.newInstance(instance.ready[node], instance.due[node]))
				.build());
		}
		VehicleRoutingAlgorithm algorithm = Jsprit.Builder.newInstance(problem.build())
			.setProperty(Jsprit.Parameter.THREADS, "1")
			.setRandom(new java.util.Random(seed))
			.buildAlgorithm();
		TimeTermination termination = new TimeTermination(budget.toMillis());
		algorithm.setPrematureAlgorithmTermination(termination);
		algorithm.addListener(termination);
		algorithm.setMaxIterations(Integer.MAX_VALUE);
		VehicleRoutingProblemSolution best = Solutions.bestOf(algorithm.searchSolutions());
		List<int[]> routes = new ArrayList<>();
		for (VehicleRoute route : best.getRoutes()) {
			List<TourActivity> activities = route.getActivities();
			int[] stops = new int[activities.size()];
			for (int i = 0; i < stops.length; i++) {
				stops[i] = activities.get(i).getLocation().getIndex();
			}
			routes.add(stops);
		}
		int[] unassigned = best.getUnassignedJobs().stream().mapToInt(job -> Integer.parseInt(job.getId())).sorted()
			.toArray();
		return new SplitResult(routes, unassigned, 0, 0);
	}

	private static final class EuclideanCosts extends AbstractForwardVehicleRoutingTransportCosts {

		private final SolomonInstance instance;

		EuclideanCosts(SolomonInstance instance) {
			this.instance = instance;
		}

		@Override
		public double getDistance(Location from, Location to, double departureTime, Vehicle vehicle) {
			return instance.euclid(from.getIndex(), to.getIndex());
		}

		@Override
		public double getTransportTime(Location from, Location to, double departureTime, Driver driver,
				Vehicle vehicle) {
			return instance.euclid(from.getIndex(), to.getIndex());
		}

		@Override
		public double getTransportCost(Location from, Location to, double departureTime, Driver driver,
				Vehicle vehicle) {
			return instance.euclid(from.getIndex(), to.getIndex());
		}

	}

}
