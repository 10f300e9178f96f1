package io.herald.station.assignment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Picks the active station with the nearest depot, within a maximum great-circle distance so that an order far from
 * every station stays UNASSIGNED instead of going to a station that cannot reach it.
 */
public final class NearestStationStrategy implements AssignmentStrategy {

	private final double maxDistanceMeters;

	public NearestStationStrategy(double maxDistanceMeters) {
		this.maxDistanceMeters = maxDistanceMeters;
	}

	@Override
	public String name() {
		return "nearest";
	}

	@Override
	public Optional<UUID> choose(Location destination, List<StationCandidate> activeStations) {
		return AssignmentStrategy.nearest(destination, activeStations.stream()
			.filter(s -> s.depot().distanceMeters(destination.point()) <= maxDistanceMeters)
			.toList());
	}

}
