package io.herald.routing.split;

import java.util.SplittableRandom;

/**
 * One step of SISR, "slack induction by string removals" (Christiaens and Vanden Berghe, Transportation Science 54(2),
 * 2020): remove strings of consecutive stops from a few routes near a random stop, then put the absent stops back,
 * each where it adds the least travel, skipping a small random share of the positions ("blinks").
 *
 * <p>The parameters are the paper's: on average {@value #AVERAGE_REMOVED} stops removed, strings of at most
 * {@value #MAX_STRING} stops, half of them split strings, blink rate {@value #BLINK_RATE}.
 *
 * <p>{@link #work} counts the positions examined and the stops scheduled: the search stops on that count, not on the
 * clock, so that a given problem, seed and budget always give the same plan.
 */
final class RuinAndRecreate {

	static final double AVERAGE_REMOVED = 10;

	static final int MAX_STRING = 10;

	static final double SPLIT_RATE = 0.5;

	static final double SPLIT_DEPTH = 0.01;

	static final double BLINK_RATE = 0.01;

	private final Model model;

	private final SplittableRandom random;

	private final boolean[] ruined;

	private final int[] ruinedList;

	private final long[] keys;

	long work;

	RuinAndRecreate(Model model, SplittableRandom random) {
		this.model = model;
		this.random = random;
		this.ruined = new boolean[model.vehicles];
		this.ruinedList = new int[model.vehicles];
		this.keys = new long[model.stops];
	}

	/** Removes strings of stops around a random routed stop; returns false if no stop is routed. */
	boolean ruin(Solution solution) {
		int routed = model.servableCount - solution.absentCount;
		if (solution.used == 0 || routed <= 0) {
			return false;
		}
		int seed = randomRouted(solution);
		if (seed < 0) {
			return false;
		}
		double maxString = Math.min(MAX_STRING, (double) routed / solution.used);
		double maxStrings = 4 * AVERAGE_REMOVED / (1 + maxString) - 1;
		int strings = (int) (random.nextDouble() * maxStrings + 1);
		int count = 0;
		int[] near = model.neighbours[seed];
		for (int i = -1; i < near.length && count < strings; i++) {
			int stop = i < 0 ? seed : near[i];
			int k = solution.routeOf[stop];
			if (k < 0 || ruined[k]) {
				continue;
			}
			removeString(solution, k, solution.positionOf[stop], maxString);
			ruined[k] = true;
			ruinedList[count++] = k;
		}
		for (int i = 0; i < count; i++) {
			ruined[ruinedList[i]] = false;
			solution.refresh(ruinedList[i]);
			work += solution.length[ruinedList[i]] + 2;
		}
		return true;
	}

	/** A routed stop chosen uniformly; routes are fresh, so positions are valid. */
	private int randomRouted(Solution solution) {
		for (int attempt = 0; attempt < 64; attempt++) {
			int stop = 1 + random.nextInt(model.stops);
			if (solution.routeOf[stop] >= 0) {
				return stop;
			}
		}
		for (int stop = 1; stop <= model.stops; stop++) {
			if (solution.routeOf[stop] >= 0) {
				return stop;
			}
		}
		return -1;
	}

	private void removeString(Solution solution, int k, int position, double maxString) {
		int length = solution.length[k];
		int maxHere = (int) Math.min(length, maxString);
		int remove = (int) (random.nextDouble() * maxHere + 1);
		remove = Math.min(remove, length);
		int[] route = solution.nodes[k];
		if (remove == length || random.nextDouble() >= SPLIT_RATE) {
			int start = windowStart(position, remove, length);
			for (int p = start + remove - 1; p >= start; p--) {
				solution.removeLazily(route[p]);
			}
			return;
		}
		int kept = 1;
		while (kept < length - remove && random.nextDouble() > SPLIT_DEPTH) {
			kept++;
		}
		int span = remove + kept;
		int start = windowStart(position, span, length);
		int keptFrom = start + random.nextInt(remove + 1);
		for (int p = start + span - 1; p >= start; p--) {
			if (p < keptFrom || p >= keptFrom + kept) {
				solution.removeLazily(route[p]);
			}
		}
	}

	/** First position of a random window of {@code span} positions within 1..length that holds {@code position}. */
	private int windowStart(int position, int span, int length) {
		int low = Math.max(1, position - span + 1);
		int high = Math.min(position, length - span + 1);
		return low + random.nextInt(high - low + 1);
	}

	/**
	 * Puts absent stops back, cheapest position first. A stop that fits in no route in use opens a new route if fewer
	 * than {@code maxUsed} are in use and a vehicle is free, or else stays absent.
	 *
	 * @param blink whether to skip positions at random (off for the first construction)
	 */
	void recreate(Solution solution, int maxUsed, boolean blink) {
		int count = solution.absentCount;
		if (count == 0) {
			return;
		}
		int[] order = new int[count];
		System.arraycopy(solution.absent, 0, order, 0, count);
		sort(order);
		for (int stop : order) {
			if (!place(solution, stop, blink) && solution.used < maxUsed) {
				open(solution, stop);
			}
		}
	}

	/** Orders the stops to insert by one of the paper's criteria, drawn with weights 4:4:2:1. */
	private void sort(int[] order) {
		int criterion = random.nextInt(11);
		int count = order.length;
		if (criterion < 4) {
			for (int i = count - 1; i > 0; i--) {
				int j = random.nextInt(i + 1);
				int swap = order[i];
				order[i] = order[j];
				order[j] = swap;
			}
			return;
		}
		for (int i = 0; i < count; i++) {
			int stop = order[i];
			long key;
			if (criterion < 8) {
				key = -(long) model.demand[stop];
			}
			else {
				long fromDepot = (long) model.d(0, stop) + model.d(stop, 0);
				key = criterion < 10 ? -fromDepot : fromDepot;
			}
			keys[i] = key << 21 | stop;
		}
		java.util.Arrays.sort(keys, 0, count);
		for (int i = 0; i < count; i++) {
			order[i] = (int) (keys[i] & ((1 << 21) - 1));
		}
	}

	/** Inserts {@code stop} at its cheapest feasible position in a route in use; false if there is none. */
	private boolean place(Solution solution, int stop, boolean blink) {
		int[] dist = model.dist;
		int size = model.size;
		int demand = model.demand[stop];
		long early = model.early[stop];
		long late = model.late[stop];
		int service = model.service[stop];
		int[] service0 = model.service;
		long bestDelta = Long.MAX_VALUE;
		int bestRoute = -1;
		int bestAfter = -1;
		long examined = model.vehicles;
		for (int k = 0; k < model.vehicles; k++) {
			int length = solution.length[k];
			if (length == 0 || solution.load[k] + demand > model.capacity[k]) {
				continue;
			}
			int[] route = solution.nodes[k];
			long[] begin = solution.begin[k];
			long[] latest = solution.latest[k];
			int a = 0;
			for (int p = 0; p <= length; p++) {
				int b = route[p + 1];
				long depart = begin[p] + service0[a];
				if (depart > late) {
					break;
				}
				examined++;
				long delta = (long) dist[a * size + stop] + dist[stop * size + b] - dist[a * size + b];
				if (delta < bestDelta && !(blink && random.nextDouble() < BLINK_RATE)) {
					long arrival = depart + dist[a * size + stop];
					if (arrival <= late
							&& Math.max(arrival, early) + service + dist[stop * size + b] <= latest[p + 1]) {
						bestDelta = delta;
						bestRoute = k;
						bestAfter = p;
					}
				}
				a = b;
			}
		}
		work += examined;
		if (bestRoute < 0) {
			return false;
		}
		solution.insert(stop, bestRoute, bestAfter);
		work += solution.length[bestRoute] + 2;
		return true;
	}

	/** Opens the first free vehicle, in opening order, that can serve {@code stop} on its own. */
	private void open(Solution solution, int stop) {
		for (int k : model.openingOrder) {
			if (solution.length[k] == 0 && model.servesAlone(k, stop)) {
				solution.insert(stop, k, 0);
				work += 3;
				return;
			}
		}
	}

}
