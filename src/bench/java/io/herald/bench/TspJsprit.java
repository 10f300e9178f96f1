package io.herald.bench;

import java.time.Duration;
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

import io.herald.routing.sequence.TsplibInstance;

/**
 * jsprit's default ruin-and-recreate algorithm (one thread) on one vehicle from node 1 and back, stopped by its own
 * time termination. Costs come straight from the TSPLIB matrix through the location indices.
 */
final class TspJsprit implements TspSolver {

	@Override
	public String name() {
		return "jsprit";
	}

	@Override
	public int[] solve(TsplibInstance instance, int[][] distances, Duration budget, long seed) {
		int n = distances.length;
		VehicleRoutingProblem.Builder problem = VehicleRoutingProblem.Builder.newInstance()
			.setFleetSize(VehicleRoutingProblem.FleetSize.FINITE)
			.setRoutingCost(new MatrixCosts(distances));
		problem.addVehicle(VehicleImpl.Builder.newInstance("courier")
			.setStartLocation(Location.newInstance(0))
			.setType(VehicleTypeImpl.Builder.newInstance("car").build())
			.setReturnToDepot(true)
			.build());
		for (int node = 1; node < n; node++) {
			problem.addJob(Service.Builder.newInstance(Integer.toString(node)).setLocation(Location.newInstance(node))
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
		if (!best.getUnassignedJobs().isEmpty() || best.getRoutes().size() != 1) {
			throw new IllegalStateException("jsprit left " + best.getUnassignedJobs().size() + " nodes unvisited");
		}
		VehicleRoute route = best.getRoutes().iterator().next();
		List<TourActivity> activities = route.getActivities();
		int[] tour = new int[n];
		for (int i = 0; i < activities.size(); i++) {
			tour[i + 1] = activities.get(i).getLocation().getIndex();
		}
		return tour;
	}

	private static final class MatrixCosts extends AbstractForwardVehicleRoutingTransportCosts {

		private final int[][] distances;

		MatrixCosts(int[][] distances) {
			this.distances = distances;
		}

		@Override
		public double getDistance(Location from, Location to, double departureTime, Vehicle vehicle) {
			return distances[from.getIndex()][to.getIndex()];
		}

		@Override
		public double getTransportTime(Location from, Location to, double departureTime, Driver driver,
				Vehicle vehicle) {
			return distances[from.getIndex()][to.getIndex()];
		}

		@Override
		public double getTransportCost(Location from, Location to, double departureTime, Driver driver,
				Vehicle vehicle) {
			return distances[from.getIndex()][to.getIndex()];
		}

	}

}
