package io.herald.routing.sequence;

/**
 * A {@link SequenceProblem} laid out for the search: one flat travel-time array, windows as plain ints, and for an
 * open route one extra node, the end, reached from every stop at no cost. With the end fixed last, an open route is a
 * closed tour whose last leg is free, so one set of moves serves both kinds of route.
 *
 * <p>Positions in a tour: 0 is the start, {@code 1..prefix} the fixed prefix, {@code first..last} the stops the
 * search may move, and for an open route {@code size - 1} the end.
 */
final class Instance {

	final int size;

	final int stops;

	final int[] dist;

	final int[] service;

	final int[] earliest;

	final int[] latest;

	final int[] prefix;

	final int first;

	final int last;

	final boolean open;

	final boolean windows;

	final boolean symmetric;

	private Instance(SequenceProblem problem) {
		stops = problem.stopCount();
		open = !problem.returnToStart();
		size = stops + 1 + (open ? 1 : 0);
		dist = new int[size * size];
		service = new int[size];
		earliest = new int[size];
		latest = new int[size];
		boolean symmetricSoFar = true;
		for (int a = 0; a <= stops; a++) {
			for (int b = 0; b <= stops; b++) {
				dist[a * size + b] = problem.travelSeconds()[a][b];
				symmetricSoFar &= problem.travelSeconds()[a][b] == problem.travelSeconds()[b][a];
			}
			boolean promised = a > 0 && problem.windows()[a] != null;
			service[a] = a > 0 ? problem.serviceSeconds()[a] : 0;
			earliest[a] = promised ? problem.windows()[a].earliest() : Integer.MIN_VALUE;
			latest[a] = promised ? problem.windows()[a].latest() : Integer.MAX_VALUE;
		}
		if (open) {
			// the end: no travel to it, none from it back to the start, no window
			earliest[size - 1] = Integer.MIN_VALUE;
			latest[size - 1] = Integer.MAX_VALUE;
		}
		prefix = problem.fixedPrefix().clone();
		first = 1 + prefix.length;
		last = open ? size - 2 : size - 1;
		windows = problem.hasWindows();
		symmetric = symmetricSoFar;
	}

	static Instance of(SequenceProblem problem) {
		return new Instance(problem);
	}

	int d(int from, int to) {
		return dist[from * size + to];
	}

	/** Stops the search may place: those not in the fixed prefix. */
	int freeCount() {
		return last - first + 1;
	}

	/** A tour with the fixed parts in place and the free stops in {@code order}. */
	int[] tour(int[] order) {
		int[] tour = new int[size];
		System.arraycopy(prefix, 0, tour, 1, prefix.length);
		System.arraycopy(order, 0, tour, first, order.length);
		if (open) {
			tour[size - 1] = size - 1;
		}
		return tour;
	}

	/** The tour of a caller's sequence, checked: every stop once, starting with the fixed prefix. */
	int[] tourOf(int[] sequence) {
		if (sequence.length != stops) {
			throw new IllegalArgumentException("start sequence has " + sequence.length + " stops, the problem " + stops);
		}
		boolean[] seen = new boolean[size];
		for (int i = 0; i < sequence.length; i++) {
			int stop = sequence[i];
			if (stop < 1 || stop > stops || seen[stop] || i < prefix.length && stop != prefix[i]) {
				throw new IllegalArgumentException("start sequence must hold each stop 1.." + stops
						+ " once and begin with the fixed prefix");
			}
			seen[stop] = true;
		}
		int[] tour = new int[size];
		System.arraycopy(sequence, 0, tour, 1, stops);
		if (open) {
			tour[size - 1] = size - 1;
		}
		return tour;
	}

	/** The free stops in index order. */
	int[] freeStops() {
		boolean[] fixed = new boolean[size];
		for (int stop : prefix) {
			fixed[stop] = true;
		}
		int[] free = new int[freeCount()];
		int count = 0;
		for (int stop = 1; stop <= stops; stop++) {
			if (!fixed[stop]) {
				free[count++] = stop;
			}
		}
		return free;
	}

	/** Lateness and travel of a whole tour: the schedule starts at time 0 at position 0, waiting for windows. */
	Cost cost(int[] tour) {
		long lateness = 0;
		long travel = 0;
		long time = 0;
		for (int p = 1; p < size; p++) {
			int leg = d(tour[p - 1], tour[p]);
			travel += leg;
			long arrival = time + leg;
			int node = tour[p];
			lateness += Math.max(0, arrival - latest[node]);
			time = Math.max(arrival, earliest[node]) + service[node];
		}
		travel += d(tour[size - 1], tour[0]);
		return new Cost(lateness, travel);
	}

}
