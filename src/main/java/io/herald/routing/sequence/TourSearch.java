package io.herald.routing.sequence;

import java.util.SplittableRandom;

/**
 * Local search on a tour held as an array of nodes plus each node's position. Every move is built from one
 * primitive, reversing the free positions {@code i..j}, so the fixed start, the fixed prefix and (for an open route)
 * the end never move.
 *
 * <p>Nodes whose surroundings changed wait in a queue (the "don't look bits" of the TSP literature, kept as a FIFO):
 * a descent only looks at moves around them, which is what makes a descent after a small kick cheap.
 */
abstract class TourSearch {

	final Instance instance;

	final int size;

	final int first;

	final int last;

	final int[] tour;

	final int[] pos;

	final int[][] neighbours;

	private final int[] queue;

	private final boolean[] queued;

	private int head;

	private int queuedCount;

	TourSearch(Instance instance, int[] initialTour, int[][] neighbours) {
		this.instance = instance;
		this.size = instance.size;
		this.first = instance.first;
		this.last = instance.last;
		this.neighbours = neighbours;
		this.tour = initialTour.clone();
		this.pos = new int[size];
		for (int p = 0; p < size; p++) {
			pos[tour[p]] = p;
		}
		this.queue = new int[size];
		this.queued = new boolean[size];
	}

	/** Tries the moves around {@code node}; applies the first that improves the cost and says whether it did. */
	abstract boolean improve(int node);

	/** The cost of the current tour. */
	abstract Cost cost();

	/** Called after positions {@code from..to} changed, before anyone reads the cost again. */
	abstract void changed(int from, int to);

	final int next(int p) {
		return p == size - 1 ? 0 : p + 1;
	}

	final int prev(int p) {
		return p == 0 ? size - 1 : p - 1;
	}

	/** Whether the edge leaving position {@code p} may be cut. */
	final boolean cuttable(int p) {
		return p >= first - 1 && p <= last;
	}

	/** Runs the moves until no queued node has an improving one. */
	final void descend() {
		while (queuedCount > 0) {
			int node = queue[head];
			head = head + 1 == size ? 0 : head + 1;
			queuedCount--;
			queued[node] = false;
			if (improve(node)) {
				activate(node);
			}
		}
	}

	final void activateAll() {
		for (int p = first; p <= last; p++) {
			activate(tour[p]);
		}
	}

	final void activate(int node) {
		int p = pos[node];
		if (queued[node] || p < first || p > last) {
			return;
		}
		queued[node] = true;
		queue[(head + queuedCount) % size] = node;
		queuedCount++;
	}

	/** Reverses positions {@code i..j} (inclusive, {@code first <= i <= j <= last}). */
	final void reverse(int i, int j) {
		for (; i < j; i++, j--) {
			int a = tour[i];
			int b = tour[j];
			tour[i] = b;
			pos[b] = i;
			tour[j] = a;
			pos[a] = j;
		}
	}

	/** 2-opt: cuts the edges leaving positions {@code i < j} and reconnects by reversing {@code i+1..j}. */
	final void twoOpt(int i, int j) {
		activateAround(i);
		activateAround(j);
		reverse(i + 1, j);
		changed(i + 1, j);
	}

	/**
	 * Or-opt: moves the segment at positions {@code s..e} between positions {@code k} and {@code k+1} ({@code k}
	 * outside {@code s-1..e}), reversed or not. Three reversals, so the cost is the distance moved.
	 */
	final void moveSegment(int s, int e, int k, boolean reversed) {
		activateAround(s - 1);
		activateAround(e);
		activateAround(k);
		int length = e - s + 1;
		if (k > e) {
			int between = k - e;
			reverse(s, k);
			reverse(s, s + between - 1);
			if (!reversed) {
				reverse(s + between, k);
			}
			changed(s, k);
		}
		else {
			reverse(k + 1, e);
			reverse(k + 1 + length, e);
			if (!reversed) {
				reverse(k + 1, k + length);
			}
			changed(k + 1, e);
		}
	}

	/**
	 * The kick of iterated local search: two adjacent random segments of at most {@code maxLength} free positions
	 * swap places (a local double bridge), which 2-opt and Or-opt cannot undo in one move.
	 *
	 * @return the change in travel time: three legs go, three come, none is reversed
	 */
	long kick(SplittableRandom random, int maxLength) {
		int free = last - first + 1;
		int limit = Math.max(1, Math.min(maxLength, free / 3));
		int lengthB = 1 + random.nextInt(limit);
		int lengthC = 1 + random.nextInt(limit);
		int s = first + random.nextInt(free - lengthB - lengthC + 1);
		int m = s + lengthB;
		int e = m + lengthC - 1;
		int before = tour[s - 1];
		int after = tour[next(e)];
		long delta = instance.d(before, tour[m]) + instance.d(tour[e], tour[s]) + instance.d(tour[m - 1], after)
				- instance.d(before, tour[s]) - instance.d(tour[m - 1], tour[m]) - instance.d(tour[e], after);
		activateAround(s - 1);
		activateAround(m - 1);
		activateAround(e);
		reverse(s, m - 1);
		reverse(m, e);
		reverse(s, e);
		changed(s, e);
		return delta;
	}

	/** Queues both ends of the edge leaving position {@code p}: their surroundings are about to change. */
	private void activateAround(int p) {
		activate(tour[p]);
		activate(tour[next(p)]);
	}

	final int[] snapshot() {
		return tour.clone();
	}

	/** Puts back a tour taken by {@link #snapshot()} when its cost was {@code savedCost}. */
	void restore(int[] saved, Cost savedCost) {
		int from = last + 1;
		int to = first - 1;
		for (int p = first; p <= last; p++) {
			if (tour[p] != saved[p]) {
				from = Math.min(from, p);
				to = p;
				tour[p] = saved[p];
				pos[saved[p]] = p;
			}
		}
		if (from <= to) {
			changed(from, to);
		}
		while (queuedCount > 0) {
			queued[queue[head]] = false;
			head = head + 1 == size ? 0 : head + 1;
			queuedCount--;
		}
	}

}
