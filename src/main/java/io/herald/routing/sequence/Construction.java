package io.herald.routing.sequence;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Starting tours. The search returns nothing worse than the start it is given: every move it keeps improves the cost,
 * and the best tour seen is what it returns.
 */
final class Construction {

	private Construction() {
	}

	/** Nearest neighbour without promises; with them, the better of nearest neighbour and earliest deadline first. */
	static int[] initial(Instance instance) {
		int[] nearest = nearestNeighbour(instance);
		if (!instance.windows) {
			return nearest;
		}
		int[] deadline = earliestDeadline(instance);
		return instance.cost(deadline).isBetterThan(instance.cost(nearest)) ? deadline : nearest;
	}

	/** From the end of the fixed prefix, always on to the closest stop not yet visited. */
	static int[] nearestNeighbour(Instance instance) {
		int[] free = instance.freeStops();
		int[] order = new int[free.length];
		boolean[] done = new boolean[instance.size];
		int at = instance.prefix.length == 0 ? 0 : instance.prefix[instance.prefix.length - 1];
		for (int i = 0; i < order.length; i++) {
			int closest = -1;
			for (int stop : free) {
				if (!done[stop] && (closest < 0 || instance.d(at, stop) < instance.d(at, closest))) {
					closest = stop;
				}
			}
			order[i] = closest;
			done[closest] = true;
			at = closest;
		}
		return instance.tour(order);
	}

	/** Promised stops by the end of their window, then the rest by the start of theirs: the order promises suggest. */
	static int[] earliestDeadline(Instance instance) {
		Integer[] free = Arrays.stream(instance.freeStops()).boxed().toArray(Integer[]::new);
		Arrays.sort(free, Comparator.<Integer>comparingInt(stop -> instance.latest[stop])
			.thenComparingInt(stop -> instance.earliest[stop])
			.thenComparingInt(stop -> stop));
		return instance.tour(Arrays.stream(free).mapToInt(Integer::intValue).toArray());
	}

}
