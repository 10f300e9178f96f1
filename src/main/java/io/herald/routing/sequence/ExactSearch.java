package io.herald.routing.sequence;

/**
 * Depth-first search over every order of the free stops, for routes short enough to try them all (8 free stops are
 * 40,320 orders, well under a millisecond with pruning). Lateness and travel only grow along a partial route, so a
 * branch is dropped as soon as it cannot beat the best complete order found.
 */
final class ExactSearch {

	/** The most free stops solved this way. */
	static final int LIMIT = 8;

	private final Instance instance;

	private final int[] tour;

	private final boolean[] used;

	private final int[] free;

	private int[] best;

	private Cost bestCost;

	private ExactSearch(Instance instance, int[] start) {
		this.instance = instance;
		this.tour = start.clone();
		this.used = new boolean[instance.size];
		this.free = instance.freeStops();
		this.best = start.clone();
		this.bestCost = instance.cost(start);
	}

	/** The best order; {@code start} (kept on ties) bounds the search from the first branch. */
	static int[] solve(Instance instance, int[] start) {
		ExactSearch search = new ExactSearch(instance, start);
		int p = instance.first - 1;
		long time = 0;
		long lateness = 0;
		long travel = 0;
		for (int q = 1; q <= p; q++) {
			long arrival = time + instance.d(start[q - 1], start[q]);
			travel += instance.d(start[q - 1], start[q]);
			lateness += Math.max(0, arrival - instance.latest[start[q]]);
			time = Math.max(arrival, instance.earliest[start[q]]) + instance.service[start[q]];
		}
		search.extend(p + 1, time, lateness, travel);
		return search.best;
	}

	private void extend(int p, long time, long lateness, long travel) {
		if (lateness > bestCost.lateness() || lateness == bestCost.lateness() && travel >= bestCost.travel()) {
			return;
		}
		if (p > instance.last) {
			// an open route ends at its last stop; a closed one goes back to the start
			long total = instance.open ? travel : travel + instance.d(tour[p - 1], tour[0]);
			Cost cost = new Cost(lateness, total);
			if (cost.isBetterThan(bestCost)) {
				bestCost = cost;
				best = tour.clone();
			}
			return;
		}
		int at = tour[p - 1];
		for (int stop : free) {
			if (used[stop]) {
				continue;
			}
			used[stop] = true;
			tour[p] = stop;
			long arrival = time + instance.d(at, stop);
			extend(p + 1, Math.max(arrival, instance.earliest[stop]) + instance.service[stop],
					lateness + Math.max(0, arrival - instance.latest[stop]), travel + instance.d(at, stop));
			used[stop] = false;
		}
	}

}
