package io.herald.station.assignment;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One rule for picking the station that serves a destination. Strategies see only active stations and return empty
 * when their rule does not decide, so the next one in the chain can.
 */
public interface AssignmentStrategy {

	/** The configuration name, such as {@code polygon}. */
	String name();

	Optional<UUID> choose(Location destination, List<StationCandidate> activeStations);

	/** Ties (several matching stations) go to the nearest depot, then the smallest id, so the result is stable. */
	static Optional<UUID> nearest(Location destination, List<StationCandidate> stations) {
		return stations.stream()
			.min(Comparator.<StationCandidate>comparingDouble(s -> s.depot().distanceMeters(destination.point()))
				.thenComparing(StationCandidate::id))
			.map(StationCandidate::id);
	}

}
