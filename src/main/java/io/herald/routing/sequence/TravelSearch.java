package io.herald.routing.sequence;

import java.util.SplittableRandom;

/**
 * 2-opt and Or-opt for routes without promised windows on a symmetric travel-time matrix, the TSP case. Every move's
 * gain is known from the four to six legs it changes, so evaluating one costs a handful of array reads.
 */
final class TravelSearch extends TourSearch {

	private static final int LONGEST_SEGMENT = 3;

	private final int[] dist;

	private long length;

	TravelSearch(Instance instance, int[] initialTour, int[][] neighbours) {
		super(instance, initialTour, neighbours);
		this.dist = instance.dist;
		this.length = instance.cost(initialTour).travel();
	}

	@Override
	Cost cost() {
		return new Cost(0, length);
	}

	@Override
	void changed(int from, int to) {
		// the moves below keep the length up to date themselves
	}

	@Override
	long kick(SplittableRandom random, int maxLength) {
		long delta = super.kick(random, maxLength);
		length += delta;
		return delta;
	}

	@Override
	void restore(int[] saved, Cost savedCost) {
		super.restore(saved, savedCost);
		length = savedCost.travel();
	}

	@Override
	boolean improve(int node) {
		return twoOptAround(node) || orOptAround(node);
	}

	private int d(int a, int b) {
		return dist[a * size + b];
	}

	private boolean twoOptAround(int a) {
		int pa = pos[a];
		if (cuttable(pa)) {
			int b = tour[next(pa)];
			int ab = d(a, b);
			for (int c : neighbours[a]) {
				int closer = ab - d(a, c);
				if (closer <= 0) {
					break;
				}
				int pc = pos[c];
				if (cuttable(pc)) {
					int cNext = tour[next(pc)];
					long gain = closer + d(c, cNext) - d(b, cNext);
					if (gain > 0) {
						length -= gain;
						twoOpt(Math.min(pa, pc), Math.max(pa, pc));
						return true;
					}
				}
			}
		}
		int qa = prev(pa);
		if (cuttable(qa)) {
			int b = tour[qa];
			int ba = d(b, a);
			for (int c : neighbours[a]) {
				int closer = ba - d(a, c);
				if (closer <= 0) {
					break;
				}
				int qc = prev(pos[c]);
				if (cuttable(qc)) {
					int cPrev = tour[qc];
					long gain = closer + d(cPrev, c) - d(b, cPrev);
					if (gain > 0) {
						length -= gain;
						twoOpt(Math.min(qa, qc), Math.max(qa, qc));
						return true;
					}
				}
			}
		}
		return false;
	}

	/** Moves a segment of up to three stops that starts or ends at {@code a} next to a candidate of either end. */
	private boolean orOptAround(int a) {
		int pa = pos[a];
		for (int length = 1; length <= LONGEST_SEGMENT; length++) {
			if (moveSegmentIfBetter(pa, pa + length - 1) || length > 1 && moveSegmentIfBetter(pa - length + 1, pa)) {
				return true;
			}
		}
		return false;
	}

	private boolean moveSegmentIfBetter(int s, int e) {
		if (s < first || e > last) {
			return false;
		}
		int u = tour[s];
		int v = tour[e];
		int before = tour[s - 1];
		int after = tour[next(e)];
		long removed = (long) d(before, u) + d(v, after) - d(before, after);
		if (removed <= 0) {
			return false;
		}
		// u next to a candidate c: c u..v c' (kept) or c' v..u c (reversed); likewise for v
		return insertNextTo(u, v, s, e, removed, false) || insertNextTo(v, u, s, e, removed, true);
	}

	/**
	 * Tries to put {@code end} next to one of its candidates c, with {@code other} (the segment's far end) next to
	 * c's successor or predecessor.
	 *
	 * @param endIsLast whether {@code end} is the segment's last node (v) rather than its first (u)
	 */
	private boolean insertNextTo(int end, int other, int s, int e, long removed, boolean endIsLast) {
		for (int c : neighbours[end]) {
			long closer = removed - d(end, c);
			if (closer <= 0) {
				return false;
			}
			int pc = pos[c];
			if (pc >= s && pc <= e) {
				continue;
			}
			// c, end .. other, successor of c
			if (pc != s - 1 && cuttable(pc)) {
				int cNext = tour[next(pc)];
				long gain = closer + d(c, cNext) - d(other, cNext);
				if (gain > 0) {
					length -= gain;
					moveSegment(s, e, pc, endIsLast);
					return true;
				}
			}
			// predecessor of c, other .. end, c
			int qc = prev(pc);
			if (cuttable(qc) && (qc < s - 1 || qc > e)) {
				int cPrev = tour[qc];
				long gain = closer + d(cPrev, c) - d(cPrev, other);
				if (gain > 0) {
					length -= gain;
					moveSegment(s, e, qc, !endIsLast);
					return true;
				}
			}
		}
		return false;
	}

}
