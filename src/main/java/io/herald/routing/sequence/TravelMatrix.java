package io.herald.routing.sequence;

/** Checks shared by the problems that take a travel-time matrix (sequencing here, splitting in routing.split). */
public final class TravelMatrix {

	private TravelMatrix() {
	}

	/**
	 * @param firstRow what row 0 stands for, for the message ("start", "depot")
	 * @return the matrix size
	 * @throws IllegalArgumentException unless the matrix is non-empty, square and free of negative times
	 */
	public static int requireValid(int[][] travelSeconds, String firstRow) {
		int size = travelSeconds.length;
		if (size == 0) {
			throw new IllegalArgumentException("travelSeconds needs at least the " + firstRow + " row");
		}
		for (int[] row : travelSeconds) {
			if (row.length != size) {
				throw new IllegalArgumentException("travelSeconds must be square, got a row of " + row.length
						+ " in a matrix of " + size);
			}
			for (int seconds : row) {
				if (seconds < 0) {
					throw new IllegalArgumentException("travel times must not be negative");
				}
			}
		}
		return size;
	}

}
