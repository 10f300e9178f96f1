package io.herald.station;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

import io.herald.platform.AuditTrail;
import io.herald.platform.AfterCommit;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.herald.station.assignment.ServiceArea;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and changes stations; announces coverage changes so unassigned orders get another chance. */
@Service
public class Stations {

	private final StationRepository repository;

	private final StationAssignment assignment;

	private final ApplicationEventPublisher events;

	private final AuditTrail audit;

	Stations(StationRepository repository, StationAssignment assignment, ApplicationEventPublisher events,
			AuditTrail audit) {
		this.audit = audit;
		this.repository = repository;
		this.assignment = assignment;
		this.events = events;
	}

	@Transactional
	public Station create(StationDraft draft) {
		Station station = draft.toStation(UUID.randomUUID());
		repository.insert(station);
		coverageChanged(station);
		audit.record("station.created", "station", station.id(), Map.of("name", station.name()));
		return station;
	}

	@Transactional
	public Station update(UUID id, StationDraft draft) {
		get(id);
		Station station = draft.toStation(id);
		repository.update(station);
		coverageChanged(station);
		audit.record("station.updated", "station", id, Map.of("name", station.name()));
		return station;
	}

	@Transactional
	public Station deactivate(UUID id) {
		Station current = get(id);
		Station station = new Station(id, current.name(), current.depotLat(), current.depotLon(),
				current.serviceArea(), current.regionCodes(), false, current.timeZone());
		repository.update(station);
		invalidateAfterCommit();
		audit.record("station.deactivated", "station", id);
		return station;
	}

	/** Now, and again after commit, so that no reader caches the old list between the two. */
	private void invalidateAfterCommit() {
		AfterCommit.nowAndAgain(assignment::invalidate);
	}

	public Station get(UUID id) {
		return repository.find(id).orElseThrow(() -> new NotFoundException("Station", id));
	}

	public List<Station> all() {
		return repository.findAll();
	}

	private void coverageChanged(Station station) {
		invalidateAfterCommit();
		if (station.active()) {
			events.publishEvent(new StationCoverageChanged(station.id()));
		}
	}

	/**
	 * A station as submitted, validated before anything is stored.
	 *
	 * @param serviceArea GeoJSON text or null
	 */
	public record StationDraft(String name, double depotLat, double depotLon, String serviceArea,
			List<String> regionCodes, boolean active, String timeZone) {

		public StationDraft(String name, double depotLat, double depotLon, String serviceArea, List<String> regionCodes,
				boolean active) {
			this(name, depotLat, depotLon, serviceArea, regionCodes, active, null);
		}

		Station toStation(UUID id) {
			if (serviceArea != null) {
				try {
					ServiceArea.parse(serviceArea);
				}
				catch (IllegalArgumentException e) {
					throw new InvalidRequestException("serviceArea", e.getMessage());
				}
			}
			Set<String> codes = new LinkedHashSet<>();
			for (String code : regionCodes == null ? List.<String>of() : regionCodes) {
				String normalized = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
				if (!normalized.matches("[A-Z0-9][A-Z0-9-]{0,31}")) {
					throw new InvalidRequestException("regionCodes",
							"region code '" + code + "' must be 1-32 letters, digits or dashes");
				}
				codes.add(normalized);
			}
			String zone = null;
			if (timeZone != null && !timeZone.isBlank()) {
				try {
					zone = java.time.ZoneId.of(timeZone.trim()).getId();
				}
				catch (java.time.DateTimeException e) {
					throw new InvalidRequestException("timeZone", "'" + timeZone + "' is not a time zone (e.g. Europe/Andorra)");
				}
			}
			return new Station(id, name, depotLat, depotLon, serviceArea, codes, active, zone);
		}

	}

}
