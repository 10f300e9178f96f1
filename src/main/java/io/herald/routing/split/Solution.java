package io.herald.routing.split;

/**
 * Routes of every vehicle with their schedules, kept ready for constant-time insertion checks, and the stops not
 * routed yet ("absent"). Route {@code k} belongs to vehicle {@code k}: {@code nodes[k]} holds the depot, its
 * {@code length[k]} stops and the end node. Per position, {@code begin} is when service starts (after waiting for the
 * window to open; 0 at the depot) and {@code latest} the latest start of service there that keeps every later stop
 * in its window and the vehicle within its shift.
 *
 * <p>Changes mark their route as touched, so that a rejected candidate is undone, or an accepted one taken over, by
 * copying only the routes it changed.
 */
final class Solution {

	final Model model;

	final int[][] nodes;

	final int[] length;

	final long[][] begin;

	final long[][] latest;

	final int[] load;

	final long[] travel;

	/** Per stop: its vehicle, or -1 if absent or not servable. */
	final int[] routeOf;

	/** Per stop: its position in its route (1..length). */
	final int[] positionOf;

	final int[] absent;

	int absentCount;

	long totalTravel;

	int used;

	private final boolean[] usedFlag;

	private final boolean[] touched;

	private final int[] touchedList;

	private int touchedCount;

	Solution(Model model) {
		this.model = model;
		int vehicles = model.vehicles;
		nodes = new int[vehicles][model.stops + 2];
		begin = new long[vehicles][model.stops + 2];
		latest = new long[vehicles][model.stops + 2];
		length = new int[vehicles];
		load = new int[vehicles];
		travel = new long[vehicles];
		routeOf = new int[model.size];
		positionOf = new int[model.size];
		absent = new int[model.stops];
		usedFlag = new boolean[vehicles];
		touched = new boolean[vehicles];
		touchedList = new int[vehicles];
		java.util.Arrays.fill(routeOf, -1);
		for (int k = 0; k < vehicles; k++) {
			nodes[k][1] = model.end;
			refresh(k);
		}
		for (int stop = 1; stop <= model.stops; stop++) {
			if (model.servable[stop]) {
				absent[absentCount++] = stop;
			}
		}
		clearTouched();
	}

	/** Inserts an absent stop into route {@code k} after position {@code after} (0 = right after the depot). */
	void insert(int stop, int k, int after) {
		int[] route = nodes[k];
		int len = length[k];
		System.arraycopy(route, after + 1, route, after + 2, len + 1 - after);
		route[after + 1] = stop;
		length[k] = len + 1;
		removeAbsent(stop);
		routeOf[stop] = k;
		refresh(k);
	}

	/**
	 * Takes a stop out of its route without updating the schedule: call {@link #refresh} on the route after the last
	 * removal from it. Positions of the route's other stops are stale until then.
	 */
	void removeLazily(int stop) {
		int k = routeOf[stop];
		int[] route = nodes[k];
		int len = length[k];
		int position = 1;
		while (route[position] != stop) {
			position++;
		}
		System.arraycopy(route, position + 1, route, position, len - position + 1);
		length[k] = len - 1;
		routeOf[stop] = -1;
		absent[absentCount++] = stop;
		mark(k);
	}

	/** Removes a whole route: its stops become absent. */
	void clearRoute(int k) {
		for (int p = 1; p <= length[k]; p++) {
			int stop = nodes[k][p];
			routeOf[stop] = -1;
			absent[absentCount++] = stop;
		}
		length[k] = 0;
		nodes[k][1] = model.end;
		refresh(k);
	}

	/**
	 * Whether routes {@code k} and {@code j} can trade vehicles: each route's load and end time fit the other
	 * vehicle's capacity and shift end (the schedule itself does not change).
	 */
	boolean canSwap(int k, int j) {
		return load[k] <= model.capacity[j] && load[j] <= model.capacity[k]
				&& begin[k][length[k] + 1] <= model.shiftEnd[j] && begin[j][length[j] + 1] <= model.shiftEnd[k];
	}

	/** Gives route {@code k} to vehicle {@code j} and route {@code j} to vehicle {@code k}. */
	void swap(int k, int j) {
		int[] nodesK = nodes[k];
		nodes[k] = nodes[j];
		nodes[j] = nodesK;
		long[] beginK = begin[k];
		begin[k] = begin[j];
		begin[j] = beginK;
		long[] latestK = latest[k];
		latest[k] = latest[j];
		latest[j] = latestK;
		int lengthK = length[k];
		length[k] = length[j];
		length[j] = lengthK;
		refresh(k);
		refresh(j);
	}

	/** Recomputes positions, schedule, load and travel of route {@code k}. */
	void refresh(int k) {
		mark(k);
		int[] route = nodes[k];
		long[] starts = begin[k];
		long[] latestStarts = latest[k];
		int len = length[k];
		int[] dist = model.dist;
		int size = model.size;
		long time = 0;
		long distance = 0;
		int carried = 0;
		starts[0] = 0;
		int previous = 0;
		for (int p = 1; p <= len + 1; p++) {
			int node = route[p];
			int leg = dist[previous * size + node];
			distance += leg;
			time = Math.max(time + model.service[previous] + leg, model.early[node]);
			starts[p] = time;
			carried += model.demand[node];
			positionOf[node] = p;
			routeOf[node] = k;
			previous = node;
		}
		long limit = model.shiftEnd[k];
		latestStarts[len + 1] = limit;
		for (int p = len; p >= 0; p--) {
			int node = route[p];
			limit = Math.min(model.late[node], limit - dist[node * size + route[p + 1]] - model.service[node]);
			latestStarts[p] = limit;
		}
		totalTravel += distance - travel[k];
		travel[k] = distance;
		load[k] = carried;
		boolean isUsed = len > 0;
		if (usedFlag[k] != isUsed) {
			used += isUsed ? 1 : -1;
			usedFlag[k] = isUsed;
		}
	}

	boolean isUsed(int k) {
		return length[k] > 0;
	}

	private void removeAbsent(int stop) {
		for (int i = 0; i < absentCount; i++) {
			if (absent[i] == stop) {
				absent[i] = absent[--absentCount];
				return;
			}
		}
		throw new IllegalStateException("stop " + stop + " is not absent");
	}

	private void mark(int k) {
		if (!touched[k]) {
			touched[k] = true;
			touchedList[touchedCount++] = k;
		}
	}

	void clearTouched() {
		for (int i = 0; i < touchedCount; i++) {
			touched[touchedList[i]] = false;
		}
		touchedCount = 0;
	}

	/**
	 * Makes this solution equal to {@code other} by copying the routes either of them touched since their last
	 * {@link #clearTouched}; clears the marks of both.
	 */
	void syncFrom(Solution other) {
		for (int i = 0; i < other.touchedCount; i++) {
			copyRoute(other, other.touchedList[i]);
		}
		for (int i = 0; i < touchedCount; i++) {
			if (!other.touched[touchedList[i]]) {
				copyRoute(other, touchedList[i]);
			}
		}
		copyStops(other);
		other.clearTouched();
		clearTouched();
	}

	/** Makes this solution equal to {@code other}, every route. */
	void copyFrom(Solution other) {
		for (int k = 0; k < model.vehicles; k++) {
			copyRoute(other, k);
		}
		copyStops(other);
		clearTouched();
	}

	private void copyRoute(Solution other, int k) {
		int count = other.length[k] + 2;
		System.arraycopy(other.nodes[k], 0, nodes[k], 0, count);
		System.arraycopy(other.begin[k], 0, begin[k], 0, count);
		System.arraycopy(other.latest[k], 0, latest[k], 0, count);
		length[k] = other.length[k];
		load[k] = other.load[k];
		travel[k] = other.travel[k];
		usedFlag[k] = other.usedFlag[k];
	}

	private void copyStops(Solution other) {
		System.arraycopy(other.routeOf, 0, routeOf, 0, routeOf.length);
		System.arraycopy(other.positionOf, 0, positionOf, 0, positionOf.length);
		System.arraycopy(other.absent, 0, absent, 0, other.absentCount);
		absentCount = other.absentCount;
		totalTravel = other.totalTravel;
		used = other.used;
	}

}
