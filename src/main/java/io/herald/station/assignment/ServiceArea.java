package io.herald.station.assignment;

import io.herald.platform.geo.GeoPoint;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;

/**
 * A station's service area: a GeoJSON Polygon or MultiPolygon (coordinates in [lon, lat] order, as GeoJSON requires).
 * JTS does the geometry; the prepared form makes repeated containment tests cheap.
 */
public final class ServiceArea {

	private static final GeometryFactory FACTORY = new GeometryFactory();

	private final String geoJson;

	private final PreparedGeometry prepared;

	private ServiceArea(String geoJson, Geometry geometry) {
		this.geoJson = geoJson;
		this.prepared = PreparedGeometryFactory.prepare(geometry);
	}

	/**
	 * Parses and checks a GeoJSON geometry.
	 * @throws IllegalArgumentException with a readable reason when it is not a valid Polygon or MultiPolygon in
	 * WGS84 range
	 */
	public static ServiceArea parse(String geoJson) {
		Geometry geometry;
		try {
			geometry = new GeoJsonReader(FACTORY).read(geoJson);
		}
		catch (ParseException | RuntimeException e) {
			throw new IllegalArgumentException("not a GeoJSON geometry: " + e.getMessage());
		}
		if (geometry.isEmpty()) {
			throw new IllegalArgumentException("the polygon is empty");
		}
		if (!(geometry instanceof Polygon) && !(geometry instanceof MultiPolygon)) {
			throw new IllegalArgumentException("must be a GeoJSON Polygon or MultiPolygon, not " + geometry.getGeometryType());
		}
		for (Coordinate c : geometry.getCoordinates()) {
			if (c.x < -180 || c.x > 180 || c.y < -90 || c.y > 90) {
				throw new IllegalArgumentException("coordinate out of WGS84 range: [" + c.x + ", " + c.y + "] (GeoJSON is [lon, lat])");
			}
		}
		if (!geometry.isValid()) {
			throw new IllegalArgumentException("the polygon is not valid (self-intersecting or unclosed ring)");
		}
		return new ServiceArea(geoJson, geometry);
	}

	public boolean covers(GeoPoint point) {
		return prepared.covers(FACTORY.createPoint(new Coordinate(point.lon(), point.lat())));
	}

	public String geoJson() {
		return geoJson;
	}

}
