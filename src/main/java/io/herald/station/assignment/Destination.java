package io.herald.station.assignment;

import io.herald.platform.geo.GeoPoint;

/**
 * Where an order goes, as far as assignment cares.
 *
 * @param regionCode optional, compared case-insensitively
 */
public record Destination(GeoPoint point, String regionCode) {
}
