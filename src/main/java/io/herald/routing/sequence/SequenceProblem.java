package io.herald.routing.sequence;

/**
 * One route to sequence. Index 0 is where the route starts (the depot, or the courier's current position); indices
 * 1..n are the stops.
 *
 * @param travelSeconds (n+1)x(n+1) travel times, row = from, column = to; need not be symmetric
 * @param serviceSeconds time spent at each stop, length n+1 (index 0 ignored)
 * @param windows promised slot per stop, length n+1; an entry may be null for no promise (index 0 ignored)
 * @param returnToStart false for an open delivery route (the last leg back is not counted), true for a closed tour
 * @param fixedPrefix stop indices that must be visited first, in this order: customers already told they are next
 */
public record SequenceProblem(int[][] travelSeconds, int[] serviceSeconds, TimeWindow[] windows,
		boolean returnToStart, int[] fixedPrefix) {

	public SequenceProblem {
		int size = TravelMatrix.requireValid(travelSeconds, "start");
		if (serviceSeconds.length != size || windows.length != size) {
			throw new IllegalArgumentException("serviceSeconds and windows need one entry per row of travelSeconds");
		}
		boolean[] seen = new boolean[size];
		for (int stop : fixedPrefix) {
			if (stop < 1 || stop >= size || seen[stop]) {
				throw new IllegalArgumentException("fixedPrefix must hold distinct stop indices 1.." + (size - 1));
			}
			seen[stop] = true;
		}
	}

	/** A problem without promises, service times or fixed stops. */
	public static SequenceProblem travelOnly(int[][] travelSeconds, boolean returnToStart) {
		int size = travelSeconds.length;
		return new SequenceProblem(travelSeconds, new int[size], new TimeWindow[size], returnToStart, new int[0]);
	}

	/** Number of stops, without the start. */
	public int stopCount() {
		return travelSeconds.length - 1;
	}

	boolean hasWindows() {
		for (int i = 1; i < windows.length; i++) {
			if (windows[i] != null) {
				return true;
			}
		}
		return false;
	}

}
