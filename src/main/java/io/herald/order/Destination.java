package io.herald.order;

/** Where the goods go: address text, WGS84 coordinates and an optional region code. */
public record Destination(String address, double lat, double lon, String regionCode) {

	public Destination {
		if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
			throw new IllegalArgumentException("not a WGS84 coordinate");
		}
	}

}
