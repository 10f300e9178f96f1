package io.herald.routing.split;

import java.util.ArrayList;
import java.util.List;

import io.herald.routing.sequence.TimeWindow;

/**
 * The best plan of a tiny problem by trying every one: each stop in turn goes to any position of any vehicle's route,
 * or is left out. Scored like the planner: fewest stops left out, then fewest vehicles, then least travel.
 */
final class BruteForce {

	private final SplitProblem problem;

	private final List<List<Integer>> routes = new ArrayList<>();

	private long[] best;

	private BruteForce(SplitProblem problem) {
		this.problem = problem;
		for (int k = 0; k < problem.vehicles().size(); k++) {
			routes.add(new ArrayList<>());
		}
	}

	/** {unassigned stops, vehicles used, travel} of the best plan. */
	static long[] best(SplitProblem problem) {
		BruteForce search = new BruteForce(problem);
		search.place(1, 0);
		return search.best;
	}

	private void place(int stop, int unassigned) {
		if (stop > problem.stopCount()) {
			score(unassigned);
			return;
		}
		for (List<Integer> route : routes) {
			for (int position = 0; position <= route.size(); position++) {
				route.add(position, stop);
				place(stop + 1, unassigned);
				route.remove(position);
			}
		}
		place(stop + 1, unassigned + 1);
	}

	private void score(int unassigned) {
		long used = 0;
		long travel = 0;
		for (int k = 0; k < routes.size(); k++) {
			List<Integer> route = routes.get(k);
			if (route.isEmpty()) {
				continue;
			}
			long routeTravel = travelIfFeasible(problem.vehicles().get(k), route);
			if (routeTravel < 0) {
				return;
			}
			used++;
			travel += routeTravel;
		}
		long[] score = { unassigned, used, travel };
		if (best == null || java.util.Arrays.compare(score, best) < 0) {
			best = score;
		}
	}

	private long travelIfFeasible(Vehicle vehicle, List<Integer> route) {
		int load = 0;
		long time = 0;
		long travel = 0;
		int at = 0;
		for (int stop : route) {
			load += problem.demand()[stop];
			long leg = problem.travelSeconds()[at][stop];
			travel += leg;
			long arrival = time + (at == 0 ? 0 : problem.serviceSeconds()[at]) + leg;
			TimeWindow window = problem.windows()[stop];
			if (window != null) {
				if (arrival > window.latest()) {
					return -1;
				}
				arrival = Math.max(arrival, window.earliest());
			}
			time = arrival;
			at = stop;
		}
		long finished = time + problem.serviceSeconds()[at];
		if (problem.returnToDepot()) {
			travel += problem.travelSeconds()[at][0];
			finished += problem.travelSeconds()[at][0];
		}
		if (load > vehicle.capacity()
				|| vehicle.shiftEndSeconds() != Integer.MAX_VALUE && finished > vehicle.shiftEndSeconds()) {
			return -1;
		}
		return travel;
	}

}
