package io.herald.station;

import java.util.UUID;

/** Result of assigning a destination: the station and the name of the strategy that chose it. */
public record AssignedStation(UUID stationId, String strategy) {
}
