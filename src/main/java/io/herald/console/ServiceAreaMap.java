package io.herald.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.herald.platform.geo.WebMercator;
import io.herald.station.Station;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stations' service areas drawn as SVG on the server, in Web Mercator (as map tiles are) without tiles: one path
 * per station with a service area (all of its polygons and holes, even-odd filled), one marker per depot, scaled to
 * fit the drawing with a margin.
 *
 * @param areas one per station, in the order given
 */
record ServiceAreaMap(int width, int height, List<Area> areas) {

	static final int WIDTH = 800;

	static final int HEIGHT = 500;

	private static final double MARGIN = 24;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * One station as drawn.
	 *
	 * @param path the SVG path of its service area; empty when it has none (reached by region code or distance)
	 */
	record Area(String name, String colour, String path, double depotX, double depotY, boolean active,
			String regionCodes) {

		public boolean hasPath() {
			return !path.isEmpty();
		}

	}

	public boolean isEmpty() {
		return areas.isEmpty();
	}

	static ServiceAreaMap of(List<Station> stations, List<String> palette) {
		List<List<List<double[]>>> polygonsPerStation = new ArrayList<>();
		double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
		for (Station s : stations) {
			List<List<double[]>> rings = rings(s.serviceArea());
			polygonsPerStation.add(rings);
			List<double[]> points = new ArrayList<>();
			rings.forEach(points::addAll);
			points.add(new double[] { x(s.depotLon()), y(s.depotLat()) });
			for (double[] p : points) {
				minX = Math.min(minX, p[0]);
				maxX = Math.max(maxX, p[0]);
				minY = Math.min(minY, p[1]);
				maxY = Math.max(maxY, p[1]);
			}
		}
		if (stations.isEmpty()) {
			return new ServiceAreaMap(WIDTH, HEIGHT, List.of());
		}
		double spanX = Math.max(maxX - minX, 1e-9);
		double spanY = Math.max(maxY - minY, 1e-9);
		double scale = Math.min((WIDTH - 2 * MARGIN) / spanX, (HEIGHT - 2 * MARGIN) / spanY);
		// centre the drawing
		double offsetX = (WIDTH - spanX * scale) / 2 - minX * scale;
		double offsetY = (HEIGHT - spanY * scale) / 2 - minY * scale;
		List<Area> areas = new ArrayList<>();
		for (int i = 0; i < stations.size(); i++) {
			Station s = stations.get(i);
			StringBuilder path = new StringBuilder();
			for (List<double[]> ring : polygonsPerStation.get(i)) {
				for (int j = 0; j < ring.size(); j++) {
					double[] p = ring.get(j);
					path.append(j == 0 ? "M" : "L")
						.append(fmt(p[0] * scale + offsetX))
						.append(' ')
						.append(fmt(p[1] * scale + offsetY));
				}
				if (!ring.isEmpty()) {
					path.append('Z');
				}
			}
			areas.add(new Area(s.name(), palette.get(i % palette.size()), path.toString(),
					x(s.depotLon()) * scale + offsetX, y(s.depotLat()) * scale + offsetY, s.active(),
					String.join(", ", s.regionCodes().stream().sorted().toList())));
		}
		return new ServiceAreaMap(WIDTH, HEIGHT, areas);
	}

	/** The rings (outer and holes) of a GeoJSON Polygon or MultiPolygon, projected; none for anything else. */
	static List<List<double[]>> rings(String geoJson) {
		List<List<double[]>> rings = new ArrayList<>();
		if (geoJson == null || geoJson.isBlank()) {
			return rings;
		}
		JsonNode geometry = JSON.readTree(geoJson);
		String type = geometry.path("type").asString("");
		JsonNode coordinates = geometry.path("coordinates");
		List<JsonNode> polygons = new ArrayList<>();
		if ("Polygon".equals(type)) {
			polygons.add(coordinates);
		}
		else if ("MultiPolygon".equals(type)) {
			coordinates.forEach(polygons::add);
		}
		for (JsonNode polygon : polygons) {
			for (JsonNode ring : polygon) {
				List<double[]> points = new ArrayList<>();
				for (JsonNode position : ring) {
					points.add(new double[] { x(position.get(0).asDouble()), y(position.get(1).asDouble()) });
				}
				rings.add(points);
			}
		}
		return rings;
	}

	static double x(double lon) {
		return WebMercator.x(lon);
	}

	static double y(double lat) {
		return WebMercator.y(lat);
	}

	private static String fmt(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
	}

}
