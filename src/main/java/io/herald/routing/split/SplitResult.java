package io.herald.routing.split;

import java.util.List;

/**
 * A split of the stops among the couriers, each part in visiting order.
 *
 * @param routes {@code routes.get(k)}: the stop indices (1..n) that {@code vehicles.get(k)} visits, in order; empty
 * if that courier is not used
 * @param unassigned stops (ascending) left out because no courier could take them within its capacity, its shift
 * end and the stops' windows, either at all or alongside the other stops; never dropped silently
 * @param travelSeconds total travel of all routes (including the legs back to the depot when the problem asks for
 * them); service and waiting are not included
 * @param latenessSeconds sum over the assigned stops of how late service begins after their window ends: windows are
 * hard, so this is always 0 (a stop that cannot be served on time is unassigned instead); reported for the caller to
 * check
 */
public record SplitResult(List<int[]> routes, int[] unassigned, long travelSeconds, long latenessSeconds) {

	/** Couriers with at least one stop. */
	public int vehiclesUsed() {
		int used = 0;
		for (int[] route : routes) {
			if (route.length > 0) {
				used++;
			}
		}
		return used;
	}

}
