package io.herald.station;

import io.herald.platform.geo.GeoPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.herald.station.assignment.AssignmentChain;
import io.herald.station.assignment.Location;
import io.herald.station.assignment.NearestStationStrategy;
import io.herald.station.assignment.PolygonContainmentStrategy;
import io.herald.station.assignment.RegionCodeStrategy;
import io.herald.station.assignment.ServiceArea;
import io.herald.station.assignment.StationCandidate;
import org.springframework.stereotype.Service;

/**
 * Chooses the station for a destination with the configured strategy chain. Active stations are cached briefly
 * (parsed polygons are expensive to rebuild per order); a change on this node invalidates the cache at once, a change
 * on another node within {@code herald.assignment.cache-ttl}.
 */
@Service
public class StationAssignment {

	private final StationRepository stations;

	private final AssignmentChain chain;

	private final Duration cacheTtl;

	private final Clock clock;

	private volatile Snapshot snapshot;

	StationAssignment(StationRepository stations, AssignmentSettings settings, Clock clock) {
		this.stations = stations;
		this.clock = clock;
		this.cacheTtl = settings.cacheTtl();
		this.chain = AssignmentChain.of(settings.strategies(), List.of(new PolygonContainmentStrategy(),
				new RegionCodeStrategy(), new NearestStationStrategy(settings.nearestMaxKm() * 1000)));
	}

	public Optional<AssignedStation> assign(double lat, double lon, String regionCode) {
		return chain.assign(new Location(new GeoPoint(lat, lon), regionCode), candidates())
			.map(a -> new AssignedStation(a.stationId(), a.strategy()));
	}

	public boolean isActive(java.util.UUID stationId) {
		return candidates().stream().anyMatch(c -> c.id().equals(stationId));
	}

	void invalidate() {
		snapshot = null;
	}

	private List<StationCandidate> candidates() {
		Snapshot current = snapshot;
		Instant now = clock.instant();
		if (current == null || !current.expires().isAfter(now)) {
			List<StationCandidate> loaded = stations.findActive().stream()
				.map(s -> new StationCandidate(s.id(), new GeoPoint(s.depotLat(), s.depotLon()),
						s.serviceArea() == null ? null : ServiceArea.parse(s.serviceArea()), s.regionCodes(), true))
				.toList();
			current = new Snapshot(loaded, now.plus(cacheTtl));
			snapshot = current;
		}
		return current.candidates();
	}

	private record Snapshot(List<StationCandidate> candidates, Instant expires) {
	}

}
