package io.herald.station.assignment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Picks a station that lists the destination's region code. */
public final class RegionCodeStrategy implements AssignmentStrategy {

	@Override
	public String name() {
		return "region-code";
	}

	@Override
	public Optional<UUID> choose(Location destination, List<StationCandidate> activeStations) {
		if (destination.regionCode() == null || destination.regionCode().isBlank()) {
			return Optional.empty();
		}
		String code = destination.regionCode().trim().toUpperCase(Locale.ROOT);
		return AssignmentStrategy.nearest(destination,
				activeStations.stream().filter(s -> s.regionCodes().contains(code)).toList());
	}

}
