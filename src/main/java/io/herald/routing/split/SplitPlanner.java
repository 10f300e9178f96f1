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
 * twice the budget of wall time, and only a run cut short that way can differ between runs.
 */
public final class SplitPlanner {

	/** Steps per millisecond of budget: positions examined or stops scheduled; about 1 ms of work on 2026 servers. */
	static final long WORK_PER_MILLISECOND = 100_000;

	private final Duration budget;

	private final long seed;

	private final Search.Tuning tuning;

	public SplitPlanner(Duration budget, long seed) {
		this(budget, seed, Search.Tuning.DEFAULT);
	}

	SplitPlanner(Duration budget, long seed, Search.Tuning tuning) {
		if (budget.isNegative()) {
			throw new IllegalArgumentException("budget must not be negative");
		}
		this.budget = budget;
		this.seed = seed;
		this.tuning = tuning;
	}

	public SplitResult plan(SplitProblem problem) {
		long started = System.nanoTime();
		long budgetMillis = Math.min(budget.toMillis(), Long.MAX_VALUE / 4 / WORK_PER_MILLISECOND);
		long deadline = started + Math.min(budget.toNanos(), Long.MAX_VALUE / 8) * 2;
		Model model = new Model(problem);
		Search search = new Search(model, seed, tuning, deadline);
		Solution best = search.run(budgetMillis * WORK_PER_MILLISECOND);
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
