package io.herald.station;

import java.util.Set;
import java.util.UUID;

/**
 * A delivery end: prepares the goods of its orders and delivers them.
 *
 * @param serviceArea GeoJSON Polygon or MultiPolygon; may be null when the station is reached by region codes or
 * distance only
 * @param regionCodes upper-case region codes served
 * @param timeZone IANA time zone of the station (the times its staff read), or null
 */
public record Station(UUID id, String name, double depotLat, double depotLon, String serviceArea,
		Set<String> regionCodes, boolean active, String timeZone) {

	/** For the existing code paths that build a station without a time zone. */
	public Station(UUID id, String name, double depotLat, double depotLon, String serviceArea, Set<String> regionCodes,
			boolean active) {
		this(id, name, depotLat, depotLon, serviceArea, regionCodes, active, null);
	}

	/** The station's time zone if it has one. */
	public java.util.Optional<java.time.ZoneId> zone() {
		return timeZone == null ? java.util.Optional.empty() : java.util.Optional.of(java.time.ZoneId.of(timeZone));
	}

}
