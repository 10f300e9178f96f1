package io.herald.routing.sequence;

/**
 * 2-opt and Or-opt for routes with promised windows or one-way travel times. A move's cost is no longer a sum of a
 * few legs: moving one stop shifts the arrival at every stop after it. So the schedule of the current tour is kept
 * per position, and a candidate is simulated from its first changed position only until it can be decided: past
 * the changed stretch, the candidate leaves each stop either when the current tour does (nothing after differs), later
 * (nothing after can be less late: the rest is at least as late as now) or earlier (nothing after can be more late).
 *
 * <p>The change in travel time is known first, from prefix sums of the legs in both directions; while no promise is
 * broken, a move that does not shorten the route is dropped without simulating it.
 */
final class ScheduleSearch extends TourSearch {

	private static final int LONGEST_SEGMENT = 3;

	/** Per position p: departure from the node there, lateness and travel summed up to it. */
	private final long[] departure;

	private final long[] lateness;

	private final long[] travel;

	/**
	 * Per position p: how much later the courier could leave p without any stop after it becoming later than its
	 * window allows (waiting absorbs delay; a stop already late absorbs none).
	 */
	private final long[] slack;

	/** Legs summed up to position p, walked backwards: a reversed stretch costs {@code backward[j] - backward[i]}. */
	private final long[] backward;

	/** Pieces of a candidate: old positions from..to, in order, possibly reversed. */
	private final int[] pieceFrom = new int[2];

	private final int[] pieceTo = new int[2];

	private final boolean[] pieceReversed = new boolean[2];

	private Cost current;

	ScheduleSearch(Instance instance, int[] initialTour, int[][] neighbours) {
		super(instance, initialTour, neighbours);
		departure = new long[size];
		lateness = new long[size];
		travel = new long[size + 1];
		backward = new long[size + 1];
		slack = new long[size];
		changed(1, size - 1);
	}

	@Override
	Cost cost() {
		return current;
	}

	@Override
	void changed(int from, int to) {
		for (int p = Math.max(1, from); p <= size; p++) {
			int previous = tour[p - 1];
			int node = p == size ? tour[0] : tour[p];
			travel[p] = travel[p - 1] + instance.d(previous, node);
			backward[p] = backward[p - 1] + instance.d(node, previous);
			if (p < size) {
				long arrival = departure[p - 1] + instance.d(previous, node);
				lateness[p] = lateness[p - 1] + Math.max(0, arrival - instance.latest[node]);
				departure[p] = Math.max(arrival, instance.earliest[node]) + instance.service[node];
			}
		}
		slack[size - 1] = Long.MAX_VALUE / 4;
		for (int p = size - 2; p >= 0; p--) {
			int node = tour[p + 1];
			long arrival = departure[p] + instance.d(tour[p], node);
			long room = Math.max(0, instance.latest[node] - arrival);
			long wait = Math.max(0, instance.earliest[node] - arrival);
			slack[p] = Math.min(room, wait + slack[p + 1]);
		}
		current = new Cost(lateness[size - 1], travel[size]);
	}

	@Override
	boolean improve(int a) {
		return twoOptAround(a) || orOptAround(a) || (current.lateness() > 0 && moveEarlier(a));
	}

	private boolean twoOptAround(int a) {
		int pa = pos[a];
		for (int c : neighbours[a]) {
			int pc = pos[c];
			// a next to c: cut after a and after c, or before a and before c
			if (twoOptIfBetter(pa, pc) || twoOptIfBetter(prev(pa), prev(pc))) {
				return true;
			}
		}
		return false;
	}

	private boolean twoOptIfBetter(int edgeA, int edgeB) {
		int i = Math.min(edgeA, edgeB);
		int j = Math.max(edgeA, edgeB);
		if (i == j || !cuttable(i) || !cuttable(j)) {
			return false;
		}
		pieceFrom[0] = i + 1;
		pieceTo[0] = j;
		pieceReversed[0] = true;
		if (isBetter(i + 1, j, 1)) {
			twoOpt(i, j);
			return true;
		}
		return false;
	}

	private boolean orOptAround(int a) {
		int pa = pos[a];
		for (int length = 1; length <= LONGEST_SEGMENT; length++) {
			if (moveNearCandidates(pa, pa + length - 1) || length > 1 && moveNearCandidates(pa - length + 1, pa)) {
				return true;
			}
		}
		return false;
	}

	private boolean moveNearCandidates(int s, int e) {
		if (s < first || e > last) {
			return false;
		}
		boolean single = s == e;
		int before = tour[s - 1];
		int after = tour[next(e)];
		long removed = (long) instance.d(before, tour[s]) + instance.d(tour[e], after) - instance.d(before, after);
		// candidates of either end of the segment (the one end of a single stop)
		for (int end = s; end <= e; end += single ? 1 : e - s) {
			int node = tour[end];
			for (int c : neighbours[node]) {
				int pc = pos[c];
				// the new leg must cost less than taking the segment out saves: the usual gain criterion, kept while
				// promises are broken too (measured: five times fewer simulations for the same lateness)
				if (pc >= s && pc <= e || Math.min(instance.d(c, node), instance.d(node, c)) >= removed) {
					continue;
				}
				if (moveIfBetter(s, e, pc, false) || moveIfBetter(s, e, prev(pc), false)
						|| !single && (moveIfBetter(s, e, pc, true) || moveIfBetter(s, e, prev(pc), true))) {
					return true;
				}
			}
		}
		return false;
	}

	/** A stop whose promise is broken is tried at every earlier position, however far. */
	private boolean moveEarlier(int a) {
		int pa = pos[a];
		if (pa < first || pa > last || lateness[pa] == lateness[pa - 1]) {
			return false;
		}
		for (int k = first - 1; k < pa - 1; k++) {
			if (moveIfBetter(pa, pa, k, false)) {
				return true;
			}
		}
		return false;
	}

	private boolean moveIfBetter(int s, int e, int k, boolean reversed) {
		if (k >= s - 1 && k <= e || !cuttable(k)) {
			return false;
		}
		boolean later = k > e;
		pieceFrom[later ? 1 : 0] = s;
		pieceTo[later ? 1 : 0] = e;
		pieceReversed[later ? 1 : 0] = reversed;
		pieceFrom[later ? 0 : 1] = later ? e + 1 : k + 1;
		pieceTo[later ? 0 : 1] = later ? k : s - 1;
		pieceReversed[later ? 0 : 1] = false;
		if (isBetter(later ? s : k + 1, later ? k : e, 2)) {
			moveSegment(s, e, k, reversed);
			return true;
		}
		return false;
	}

	/**
	 * Whether the tour whose positions {@code lo..hi} are replaced by the pieces costs less than the current one.
	 * {@code hi} may be the last position of a closed tour, whose leg back to the start then changes too.
	 */
	private boolean isBetter(int lo, int hi, int pieces) {
		long newTravel = travel[lo - 1] + (current.travel() - travel[hi + 1]);
		int at = tour[lo - 1];
		for (int k = 0; k < pieces; k++) {
			int entry = tour[pieceReversed[k] ? pieceTo[k] : pieceFrom[k]];
			int exit = tour[pieceReversed[k] ? pieceFrom[k] : pieceTo[k]];
			newTravel += instance.d(at, entry) + (pieceReversed[k] ? backward[pieceTo[k]] - backward[pieceFrom[k]]
					: travel[pieceTo[k]] - travel[pieceFrom[k]]);
			at = exit;
		}
		newTravel += instance.d(at, hi + 1 == size ? tour[0] : tour[hi + 1]);
		if (newTravel >= current.travel()) {
			// a longer route must be less late, so a late stop must come earlier: the first piece is what moves forward
			// (this passes over the rarer gains from waiting less, for far fewer simulations)
			boolean lateMovesForward = lateness[pieceTo[0]] > lateness[pieceFrom[0] - 1];
			if (!lateMovesForward || lateness[lo - 1] == current.lateness()) {
				return false;
			}
		}
		if (!instance.windows) {
			return newTravel < current.travel();
		}
		// better means less late, or as late and shorter
		long allowed = newTravel < current.travel() ? current.lateness() : current.lateness() - 1;
		return latenessAtMost(lo, hi, pieces, allowed);
	}

	/** Whether the candidate's total lateness is at most {@code allowed}, simulating no further than needed. */
	private boolean latenessAtMost(int lo, int hi, int pieces, long allowed) {
		long time = departure[lo - 1];
		long late = lateness[lo - 1];
		int at = tour[lo - 1];
		for (int k = 0; k < pieces; k++) {
			int step = pieceReversed[k] ? -1 : 1;
			int end = pieceReversed[k] ? pieceFrom[k] - 1 : pieceTo[k] + 1;
			for (int p = pieceReversed[k] ? pieceTo[k] : pieceFrom[k]; p != end; p += step) {
				int node = tour[p];
				long arrival = time + instance.d(at, node);
				late += Math.max(0, arrival - instance.latest[node]);
				if (late > allowed) {
					return false;
				}
				time = Math.max(arrival, instance.earliest[node]) + instance.service[node];
				at = node;
			}
		}
		for (int p = hi + 1; p < size; p++) {
			int node = tour[p];
			long arrival = time + instance.d(at, node);
			late += Math.max(0, arrival - instance.latest[node]);
			time = Math.max(arrival, instance.earliest[node]) + instance.service[node];
			at = node;
			// from here on the stops are the current tour's: leaving later never makes them less late, leaving earlier
			// or within the slack never more
			long rest = lateness[size - 1] - lateness[p];
			if (time <= departure[p] + slack[p] && late + rest <= allowed) {
				return true;
			}
			if (time >= departure[p] && late + rest > allowed) {
				return false;
			}
		}
		return late <= allowed;
	}

}
