package io.herald.platform.geo;

/**
 * The Web Mercator projection of map tiles (EPSG:3857), as fractions of the world square: x from the antimeridian
 * eastwards, y from the north edge southwards, both in [0, 1]. Latitudes beyond ±85.05° (the square's edges) are
 * clamped. Multiply by {@code 256 << zoom} for tile pixels.
 */
public final class WebMercator {

	private WebMercator() {
	}

	public static double x(double lon) {
		return (lon + 180) / 360;
	}

	public static double y(double lat) {
		double rad = Math.toRadians(Math.max(-85.05, Math.min(85.05, lat)));
		return (1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2;
	}

}
