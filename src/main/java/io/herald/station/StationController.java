package io.herald.station;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.herald.access.Allowed;
import io.herald.access.ApiKeys;
import io.herald.access.Caller;
import io.herald.access.IssuedKey;
import io.herald.access.Role;
import io.herald.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

@Tag(name = "Stations", description = "Delivery ends with their depot and service area")
@RestController
@RequestMapping("/api/v1/stations")
class StationController {

	private final Stations stations;

	private final ApiKeys keys;

	StationController(Stations stations, ApiKeys keys) {
		this.stations = stations;
		this.keys = keys;
	}

	@Operation(summary = "Create a station (operator)", description = "Returns the station's API key once.")
	@PostMapping
	@Allowed(Role.ADMIN)
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	CreatedStation create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody StationRequest request) {
		Station station = stations.create(request.toDraft());
		IssuedKey key = keys.issueStationKey(station.id(), "initial");
		return new CreatedStation(StationView.of(station), key.key());
	}

	@Operation(summary = "List stations")
	@GetMapping
	@Allowed({ Role.ADMIN, Role.MERCHANT, Role.STATION })
	List<StationView> list(@AuthenticationPrincipal Caller caller) {
		if (caller.stationScope().isPresent()) {
			return List.of(StationView.of(stations.get(caller.stationId())));
		}
		return stations.all().stream().map(StationView::of).toList();
	}

	@Operation(summary = "Show a station")
	@GetMapping("/{id}")
	@Allowed({ Role.ADMIN, Role.MERCHANT, Role.STATION })
	StationView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		if (caller.stationScope().filter(own -> !own.equals(id)).isPresent()) {
			throw new NotFoundException("Station", id);
		}
		return StationView.of(stations.get(id));
	}

	@Operation(summary = "Replace a station (operator)")
	@PutMapping("/{id}")
	@Allowed(Role.ADMIN)
	StationView update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@Valid @RequestBody StationRequest request) {
		return StationView.of(stations.update(id, request.toDraft()));
	}

	@Operation(summary = "Deactivate a station (operator)", description = "Stations are never deleted: orders keep pointing at them.")
	@DeleteMapping("/{id}")
	@Allowed(Role.ADMIN)
	StationView deactivate(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return StationView.of(stations.deactivate(id));
	}

	@Operation(summary = "Issue a new station key, revoking the old ones (operator)", description = "The key is shown once.")
	@PostMapping("/{id}/keys")
	@Allowed(Role.ADMIN)
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	IssuedKey rotateKey(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		stations.get(id);
		keys.revokeStationKeys(id);
		return keys.issueStationKey(id, "rotated");
	}

	record Depot(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
			@NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {
	}

	record StationRequest(@NotBlank @Size(max = 200) String name, @NotNull @Valid Depot depot, JsonNode serviceArea,
			@Size(max = 500) List<String> regionCodes, Boolean active, @Size(max = 64) String timeZone) {

		Stations.StationDraft toDraft() {
			String area = serviceArea == null || serviceArea.isNull() ? null : serviceArea.toString();
			return new Stations.StationDraft(name, depot.lat(), depot.lon(), area, regionCodes,
					active == null || active, timeZone);
		}

	}

	record StationView(UUID id, String name, Depot depot, JsonNode serviceArea, List<String> regionCodes,
			boolean active, String timeZone) {

		static StationView of(Station s) {
			JsonNode area = s.serviceArea() == null ? null
					: tools.jackson.databind.json.JsonMapper.shared().readTree(s.serviceArea());
			return new StationView(s.id(), s.name(), new Depot(s.depotLat(), s.depotLon()), area,
					List.copyOf(s.regionCodes()), s.active(), s.timeZone());
		}

	}

	record CreatedStation(StationView station, String apiKey) {
	}

}
