package io.herald.platform.geo;

/** A WGS84 coordinate (plain Java, usable from the algorithm packages). */
public record GeoPoint(double lat, double lon) {

	private static final double EARTH_RADIUS_M = 6_371_008.8;

	public GeoPoint {
		if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
			throw new IllegalArgumentException("not a WGS84 coordinate: " + lat + "," + lon);
		}
	}

	/** Great-circle (haversine) distance in metres. */
	public double distanceMeters(GeoPoint other) {
		double dLat = Math.toRadians(other.lat - lat);
		double dLon = Math.toRadians(other.lon - lon);
		double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat))
				* Math.cos(Math.toRadians(other.lat)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
		return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
	}

}
