package io.herald.tracking;

import java.util.ArrayList;
import java.util.List;

import io.herald.platform.geo.WebMercator;

/**
 * A small map drawn from coordinates alone, in Web Mercator pixels as map tiles use them, so that tiles can be laid
 * under it when a tile server is configured. The zoom is the closest at which the destination and the courier both
 * fit with a margin.
 *
 * @param destinationX pixel position of the destination in the drawing
 * @param courierX pixel position of the courier, or null when not shown
 * @param tiles the tiles under the drawing (empty without a tile server)
 */
record TrackingMap(int width, int height, double destinationX, double destinationY, Double courierX,
		Double courierY, List<Tile> tiles) {

	static final int WIDTH = 320;

	static final int HEIGHT = 200;

	private static final int MARGIN = 36;

	private static final int MAX_ZOOM = 17;

	/** One 256-pixel tile at its place in the drawing. */
	record Tile(String url, double x, double y) {
	}

	static TrackingMap of(double lat, double lon, Double courierLat, Double courierLon, String tileUrl) {
		boolean courier = courierLat != null && courierLon != null;
		int zoom = MAX_ZOOM;
		while (courier && zoom > 1) {
			double dx = Math.abs(x(lon, zoom) - x(courierLon, zoom));
			double dy = Math.abs(y(lat, zoom) - y(courierLat, zoom));
			if (dx <= WIDTH - 2 * MARGIN && dy <= HEIGHT - 2 * MARGIN) {
				break;
			}
			zoom--;
		}
		if (!courier) {
			zoom = 16;
		}
		double centerX = courier ? (x(lon, zoom) + x(courierLon, zoom)) / 2 : x(lon, zoom);
		double centerY = courier ? (y(lat, zoom) + y(courierLat, zoom)) / 2 : y(lat, zoom);
		double left = centerX - WIDTH / 2.0;
		double top = centerY - HEIGHT / 2.0;
		List<Tile> tiles = new ArrayList<>();
		if (tileUrl != null && !tileUrl.isBlank()) {
			int max = 1 << zoom;
			for (int tx = (int) Math.floor(left / 256); tx <= (int) Math.floor((left + WIDTH) / 256); tx++) {
				for (int ty = (int) Math.floor(top / 256); ty <= (int) Math.floor((top + HEIGHT) / 256); ty++) {
					if (ty >= 0 && ty < max) {
						int wrapped = Math.floorMod(tx, max);
						tiles.add(new Tile(tileUrl.replace("{z}", Integer.toString(zoom))
							.replace("{x}", Integer.toString(wrapped))
							.replace("{y}", Integer.toString(ty)), tx * 256 - left, ty * 256 - top));
					}
				}
			}
		}
		return new TrackingMap(WIDTH, HEIGHT, x(lon, zoom) - left, y(lat, zoom) - top,
				courier ? x(courierLon, zoom) - left : null, courier ? y(courierLat, zoom) - top : null, tiles);
	}

	private static double x(double lon, int zoom) {
		return WebMercator.x(lon) * 256 * (1 << zoom);
	}

	private static double y(double lat, int zoom) {
		return WebMercator.y(lat) * 256 * (1 << zoom);
	}

}
