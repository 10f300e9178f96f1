package io.herald.routing.split;

import java.util.List;

import io.herald.routing.sequence.TimeWindow;
import io.herald.routing.sequence.TravelMatrix;

/**
 * Stops of one depot to split among couriers and sequence. Index 0 is the depot, where every courier starts at time
 * 0; indices 1..n are the stops. Arrays are used as given, not copied: do not change them while a plan runs.
 *
 * @param travelSeconds (n+1)x(n+1) travel times, row = from, column = to; need not be symmetric
 * @param demand items of each stop, length n+1 (index 0 ignored)
 * @param serviceSeconds time spent at each stop, length n+1 (index 0 ignored)
 * @param windows promised slot per stop in seconds from the plan's start (service must begin within it, waiting if
 * early), length n+1; an entry may be null for no promise (index 0 ignored). Windows are hard constraints
 * @param vehicles the couriers available; the plan uses as few as it can
 * @param returnToDepot true if every courier drives back to the depot after its last stop (that leg then counts as
 * travel and must end by the shift end)
 */
public record SplitProblem(int[][] travelSeconds, int[] demand, int[] serviceSeconds, TimeWindow[] windows,
		List<Vehicle> vehicles, boolean returnToDepot) {

	public SplitProblem {
		int size = TravelMatrix.requireValid(travelSeconds, "depot");
		if (demand.length != size || serviceSeconds.length != size || windows.length != size) {
			throw new IllegalArgumentException(
					"demand, serviceSeconds and windows need one entry per row of travelSeconds (" + size + ")");
		}
		for (int i = 1; i < size; i++) {
			if (demand[i] < 0 || serviceSeconds[i] < 0) {
				throw new IllegalArgumentException("stop " + i + ": demand and service time must not be negative");
			}
		}
		vehicles = List.copyOf(vehicles);
	}

	/** Number of stops, without the depot. */
	public int stopCount() {
		return travelSeconds.length - 1;
	}

}
