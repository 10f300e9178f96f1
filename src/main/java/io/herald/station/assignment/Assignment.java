package io.herald.station.assignment;

import java.util.UUID;

/** The chosen station and the strategy that chose it. */
public record Assignment(UUID stationId, String strategy) {
}
