package io.herald.routing.split;

import java.util.Arrays;

import io.herald.routing.sequence.TimeWindow;

/**
 * A {@link SplitProblem} laid out for the search. Nodes: 0 the depot, 1..n the stops, and {@code end = n + 1} where
 * every route finishes: the depot again when the problem asks for a return (the same travel times as to node 0), or
 * else a point reached from every stop in no time, so that an open route is a closed one with a free last leg. Times
 * are longs so that no sum of travel, waiting and service overflows.
 */
final class Model {

	/** Stands for "no limit" in {@link #late} and {@link #shiftEnd}; far from overflow when added to. */
	static final long UNLIMITED = Long.MAX_VALUE / 4;

	/** Longest neighbour list kept per stop; the string removal walks a few dozen at most. */
	private static final int NEIGHBOURS = 400;

	final int stops;

	final int end;

	final int size;

	final int[] dist;

	final int[] demand;

	final int[] service;

	final long[] early;

	final long[] late;

	final int vehicles;

	final int[] capacity;

	final long[] shiftEnd;

	final boolean returnToDepot;

	/** Whether vehicles differ in capacity or shift end, so that which vehicle drives a route matters. */
	final boolean heterogeneous;

	/** Vehicles in the order new routes open: largest capacity first, then latest shift end, then index. */
	final int[] openingOrder;

	/** Per stop, the other stops nearest first (travel both ways). */
	final int[][] neighbours;

	/** Per stop, whether some vehicle can serve it on its own: the others are never routed. */
	final boolean[] servable;

	/** How many stops are servable. */
	final int servableCount;

	/** The fewest vehicles whose capacities add up to the total demand of the servable stops. */
	final int vehicleLowerBound;

	Model(SplitProblem problem) {
		stops = problem.stopCount();
		end = stops + 1;
		size = stops + 2;
		returnToDepot = problem.returnToDepot();
		dist = new int[size * size];
		int[][] travel = problem.travelSeconds();
		for (int a = 0; a <= stops; a++) {
			for (int b = 0; b <= stops; b++) {
				dist[a * size + b] = travel[a][b];
			}
			dist[a * size + end] = returnToDepot && a > 0 ? travel[a][0] : 0;
		}
		demand = new int[size];
		service = new int[size];
		early = new long[size];
		late = new long[size];
		Arrays.fill(late, UNLIMITED);
		for (int stop = 1; stop <= stops; stop++) {
			demand[stop] = problem.demand()[stop];
			service[stop] = problem.serviceSeconds()[stop];
			TimeWindow window = problem.windows()[stop];
			if (window != null) {
				early[stop] = Math.max(0, window.earliest());
				late[stop] = window.latest();
			}
		}
		vehicles = problem.vehicles().size();
		capacity = new int[vehicles];
		shiftEnd = new long[vehicles];
		for (int k = 0; k < vehicles; k++) {
			Vehicle vehicle = problem.vehicles().get(k);
			capacity[k] = vehicle.capacity();
			shiftEnd[k] = vehicle.shiftEndSeconds() == Integer.MAX_VALUE ? UNLIMITED : vehicle.shiftEndSeconds();
		}
		boolean differ = false;
		for (int k = 1; k < vehicles; k++) {
			differ |= capacity[k] != capacity[0] || shiftEnd[k] != shiftEnd[0];
		}
		heterogeneous = differ;
		openingOrder = java.util.stream.IntStream.range(0, vehicles).boxed()
			.sorted((a, b) -> capacity[a] != capacity[b] ? Integer.compare(capacity[b], capacity[a])
					: shiftEnd[a] != shiftEnd[b] ? Long.compare(shiftEnd[b], shiftEnd[a]) : Integer.compare(a, b))
			.mapToInt(Integer::intValue)
			.toArray();
		servable = new boolean[size];
		long totalDemand = 0;
		int count = 0;
		for (int stop = 1; stop <= stops; stop++) {
			for (int k = 0; k < vehicles && !servable[stop]; k++) {
				servable[stop] = servesAlone(k, stop);
			}
			if (servable[stop]) {
				totalDemand += demand[stop];
				count++;
			}
		}
		servableCount = count;
		vehicleLowerBound = Math.max(lowerBound(totalDemand), count > 0 ? 1 : 0);
		neighbours = neighbours();
	}

	int d(int from, int to) {
		return dist[from * size + to];
	}

	/** Whether vehicle {@code k} can serve {@code stop} as its only stop. */
	boolean servesAlone(int k, int stop) {
		if (demand[stop] > capacity[k]) {
			return false;
		}
		long arrival = d(0, stop);
		if (arrival > late[stop]) {
			return false;
		}
		long finished = Math.max(arrival, early[stop]) + service[stop] + d(stop, end);
		return finished <= shiftEnd[k];
	}

	private int lowerBound(long totalDemand) {
		int[] largestFirst = Arrays.stream(capacity).boxed().sorted((a, b) -> Integer.compare(b, a))
			.mapToInt(Integer::intValue).toArray();
		int count = 0;
		long carried = 0;
		while (carried < totalDemand && count < largestFirst.length) {
			carried += largestFirst[count++];
		}
		return count;
	}

	private int[][] neighbours() {
		int[][] lists = new int[size][];
		int keep = Math.min(Math.max(stops - 1, 0), NEIGHBOURS);
		long[] keys = new long[Math.max(stops - 1, 0)];
		for (int a = 1; a <= stops; a++) {
			int count = 0;
			for (int b = 1; b <= stops; b++) {
				if (b != a) {
					long both = (long) d(a, b) + d(b, a);
					keys[count++] = both << 21 | b;
				}
			}
			Arrays.sort(keys, 0, count);
			lists[a] = new int[keep];
			for (int i = 0; i < keep; i++) {
				lists[a][i] = (int) (keys[i] & ((1 << 21) - 1));
			}
		}
		lists[0] = new int[0];
		return lists;
	}

}
