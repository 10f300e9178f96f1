package io.herald.station.assignment;

import io.herald.platform.geo.GeoPoint;
import java.util.Set;
import java.util.UUID;

/**
 * What the strategies know of a station.
 *
 * @param area null when the station has no polygon
 * @param regionCodes upper-case region codes the station serves
 */
public record StationCandidate(UUID id, GeoPoint depot, ServiceArea area, Set<String> regionCodes, boolean active) {

	public StationCandidate {
		regionCodes = Set.copyOf(regionCodes);
	}

}
