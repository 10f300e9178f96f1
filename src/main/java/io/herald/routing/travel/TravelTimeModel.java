package io.herald.routing.travel;

import java.util.List;

import io.herald.platform.geo.GeoPoint;

/** Predicts how long a courier needs from one place to another. Implementations are thread-safe. */
public interface TravelTimeModel {

	/** Seconds from {@code from} to {@code to} for the given profile. */
	int seconds(GeoPoint from, GeoPoint to, VehicleProfile profile);

	/** The full matrix between the points, in their order; implementations may compute it faster than pair by pair. */
	default int[][] matrix(List<GeoPoint> points, VehicleProfile profile) {
		int n = points.size();
		int[][] matrix = new int[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				matrix[i][j] = i == j ? 0 : seconds(points.get(i), points.get(j), profile);
			}
		}
		return matrix;
	}

}
