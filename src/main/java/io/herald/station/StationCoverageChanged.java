package io.herald.station;

import java.util.UUID;

/** A station was added, re-activated, or its service area changed: unassigned orders may now be covered. */
public record StationCoverageChanged(UUID stationId) {
}
