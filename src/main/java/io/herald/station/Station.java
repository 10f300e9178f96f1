package io.herald.station;

import java.util.Set;
import java.util.UUID;

/**
 * A delivery end: prepares the goods of its orders and delivers them.
 *
 * @param serviceArea GeoJSON Polygon or MultiPolygon; may be null when the station is reached by region codes or
 * distance only
 * @param regionCodes upper-case region codes served
 */
public record Station(UUID id, String name, double depotLat, double depotLon, String serviceArea,
		Set<String> regionCodes, boolean active) {
}
