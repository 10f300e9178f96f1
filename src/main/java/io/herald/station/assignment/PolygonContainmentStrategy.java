package io.herald.station.assignment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Picks a station whose service polygon covers the destination. */
public final class PolygonContainmentStrategy implements AssignmentStrategy {

	@Override
	public String name() {
		return "polygon";
	}

	@Override
	public Optional<UUID> choose(Location destination, List<StationCandidate> activeStations) {
		return AssignmentStrategy.nearest(destination, activeStations.stream()
			.filter(s -> s.area() != null && s.area().covers(destination.point()))
			.toList());
	}

}
