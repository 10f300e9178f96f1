package io.herald.station.assignment;

import io.herald.platform.geo.GeoPoint;

/**
 * Where an order goes, as far as assignment cares: the point of the order's destination and its optional region code.
 * Not called Destination: that is the order's (with its address), and assignment is plain Java that knows no orders.
 *
 * @param regionCode optional, compared case-insensitively
 */
public record Location(GeoPoint point, String regionCode) {
}
