package io.herald.routing.split;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the stops of one depot among couriers and sequences each courier's part: a vehicle routing problem with
 * capacities, time windows and shift ends. Objective, in this order: as many stops served as possible (windows,
 * capacities and shifts are never broken; what cannot be served is reported unassigned), as few couriers as possible,
 * then the least total travel. {@link Search} has the method.
 *
 * <p><b>Reproducible.</b> The search stops on a count of elementary steps derived from the budget ({@value
 * #WORK_PER_MILLISECOND} per millisecond, measured on a 2-core server), not on the clock, so a given problem, seed and
 * budget give the same plan on any machine; a slower machine just takes longer. As a guard, the search also stops at
 * twice the budget of wall time, and only a run cut short that way can differ between runs. Outside the budget: laying
 * out the problem (a sort of every stop's neighbours: under 1 ms for 100 stops, ~40 ms for 1,000), the construction and
 * the final {@link RoutePolish} (a few milliseconds).
 *
 * <p>Measured on the Solomon instances (bench/run solomon): the best-known vehicle count on all six with 300 ms, and
 * total distance within 0.1% of the best known on average with 2 s (docs/benchmarks.md).
 */
public final class SplitPlanner {

	/** Steps per millisecond of budget (positions examined, stops scheduled), measured on a 2-core 2026 server. */
	static final long WORK_PER_MILLISECOND = 200_000;

	/** The wall-clock guard, in budgets. */
	static final int WALL_GUARD = 2;

	private final long workBudget;

	private final long wallLimitNanos;

	private final long seed;

	private final Search.Tuning tuning;

	/**
	 * @param budget how long to search, about (the search counts steps, not time; see the class comment)
	 * @param seed seed of the search's random choices
	 */
	public SplitPlanner(Duration budget, long seed) {
		this(workFor(budget), Math.min(budget.toNanos(), Long.MAX_VALUE / 8) * WALL_GUARD, seed,
				Search.Tuning.DEFAULT);
	}

	/** A planner stopping on {@code workBudget} steps only, or also on a wall-clock limit if it is positive. */
	SplitPlanner(long workBudget, long wallLimitNanos, long seed, Search.Tuning tuning) {
		if (workBudget < 0) {
			throw new IllegalArgumentException("budget must not be negative");
		}
		this.workBudget = workBudget;
		this.wallLimitNanos = wallLimitNanos > 0 ? wallLimitNanos : Long.MAX_VALUE / 4;
		this.seed = seed;
		this.tuning = tuning;
	}

	static long workFor(Duration budget) {
		if (budget.isNegative()) {
			throw new IllegalArgumentException("budget must not be negative");
		}
		return Math.min(budget.toMillis(), Long.MAX_VALUE / 4 / WORK_PER_MILLISECOND) * WORK_PER_MILLISECOND;
	}

	public SplitResult plan(SplitProblem problem) {
		long started = System.nanoTime();
		Model model = new Model(problem);
		Search search = new Search(model, seed, tuning, started + wallLimitNanos);
		Solution best = search.run(workBudget);
		RoutePolish.polish(best, seed);
		return result(model, best);
	}

	private static SplitResult result(Model model, Solution solution) {
		List<int[]> routes = new ArrayList<>(model.vehicles);
		long lateness = 0;
		for (int k = 0; k < model.vehicles; k++) {
			int[] route = Arrays.copyOfRange(solution.nodes[k], 1, solution.length[k] + 1);
			routes.add(route);
			long time = 0;
			int at = 0;
			for (int stop : route) {
				long arrival = time + model.service[at] + model.d(at, stop);
				lateness += Math.max(0, arrival - model.late[stop]);
				time = Math.max(arrival, model.early[stop]);
				at = stop;
			}
		}
		int[] unassigned = new int[model.stops];
		int count = 0;
		for (int stop = 1; stop <= model.stops; stop++) {
			if (solution.routeOf[stop] < 0) {
				unassigned[count++] = stop;
			}
		}
		return new SplitResult(List.copyOf(routes), Arrays.copyOf(unassigned, count), solution.totalTravel, lateness);
	}

}
