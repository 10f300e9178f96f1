package io.herald.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.validation.E164;
import io.herald.routing.travel.VehicleProfile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Routes", description = "A station dispatches couriers; Herald sequences the stops and keeps customers told")
@RestController
@RequestMapping("/api/v1/routes")
@Allowed(Role.STATION)
class RouteController {

	private final Routes routes;

	RouteController(Routes routes) {
		this.routes = routes;
	}

	@Operation(summary = "Dispatch a route (station)",
			description = "With orderIds: those STOCKED orders; without: all the station's STOCKED orders not yet on a route.")
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	RouteView dispatch(@AuthenticationPrincipal Caller caller, @Valid @RequestBody DispatchRequest request) {
		Map<UUID, Routes.Promise> promises = new HashMap<>();
		if (request.promisedWindows() != null) {
			request.promisedWindows().forEach(w -> {
				if (!w.to().isAfter(w.from())) {
					throw new InvalidRequestException("promisedWindows", "a window ends after it starts");
				}
				promises.put(w.orderId(), new Routes.Promise(w.from(), w.to()));
			});
		}
		return RouteView.of(routes.dispatch(caller.stationId(), request.courier().toCourier(), request.orderIds(),
				promises));
	}

	@Operation(summary = "Split orders among couriers and plan a route for each (station)",
			description = "Within each courier's capacity in items and shift end. Orders no courier can take are listed in 'unassigned' and stay STOCKED.")
	@PostMapping("/split")
	@ResponseStatus(HttpStatus.CREATED)
	SplitView split(@AuthenticationPrincipal Caller caller, @Valid @RequestBody SplitRequest request) {
		var couriers = request.couriers().stream()
			.map(c -> new Routes.CourierShift(new Courier(c.name(), c.phone(),
					c.vehicleProfile() == null ? VehicleProfile.VAN : c.vehicleProfile()), c.capacityItems(), c.shiftEnd()))
			.toList();
		var outcome = routes.split(caller.stationId(), couriers, request.orderIds());
		return new SplitView(outcome.routes().stream().map(RouteView::of).toList(), outcome.unassigned());
	}

	@Operation(summary = "List the station's routes (station)")
	@GetMapping
	List<RouteView> list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) RouteState state) {
		return routes.list(caller.stationId(), state).stream().map(RouteView::of).toList();
	}

	@Operation(summary = "Show a route with its sequence and ETA windows (station or operator)")
	@GetMapping("/{id}")
	@Allowed({ Role.STATION, Role.ADMIN })
	RouteView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return RouteView.of(routes.get(id, caller.stationId()));
	}

	@Operation(summary = "Start a route: its customers hear they are out for delivery (station)")
	@PostMapping("/{id}/start")
	RouteView start(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return RouteView.of(routes.start(id, caller.stationId()));
	}

	@Operation(summary = "Report a stop's outcome (station)")
	@PostMapping("/{id}/stops/{orderId}/outcome")
	RouteView outcome(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @PathVariable UUID orderId,
			@Valid @RequestBody StopOutcomeReport request) {
		request.check();
		return RouteView.of(routes.completeStop(id, caller.stationId(), orderId, request.outcome(), request.reason(),
				request.note(), request.arrivedAt()));
	}

	@Operation(summary = "Report the courier's position (station)")
	@PostMapping("/{id}/positions")
	RouteView position(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@Valid @RequestBody PositionReport request) {
		return RouteView.of(routes.position(id, caller.stationId(), request.point(), request.at()));
	}

	@Operation(summary = "Add or remove stops and re-sequence the remaining ones (station)")
	@PostMapping("/{id}/replan")
	RouteView replan(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@Valid @RequestBody ReplanRequest request) {
		return RouteView.of(routes.replan(id, caller.stationId(), request.add(), request.remove()));
	}

	record CourierRequest(@NotBlank @Size(max = 200) String name, @E164 String phone,
			VehicleProfile vehicleProfile) {

		Courier toCourier() {
			return new Courier(name, phone, vehicleProfile == null ? VehicleProfile.VAN : vehicleProfile);
		}

	}

	record PromisedWindow(@NotNull UUID orderId, @NotNull Instant from, @NotNull Instant to) {
	}

	record DispatchRequest(@NotNull @Valid CourierRequest courier, @Size(max = 500) List<@NotNull UUID> orderIds,
			@Size(max = 500) List<@NotNull @Valid PromisedWindow> promisedWindows) {
	}

	record CourierShiftRequest(@NotBlank @Size(max = 200) String name, @E164 String phone,
			VehicleProfile vehicleProfile, @NotNull @jakarta.validation.constraints.Min(1) Integer capacityItems,
			Instant shiftEnd) {
	}

	record SplitRequest(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid CourierShiftRequest> couriers,
			@Size(max = 1000) List<@NotNull UUID> orderIds) {
	}

	record SplitView(List<RouteView> routes, List<UUID> unassigned) {
	}

	record ReplanRequest(@Size(max = 500) List<@NotNull UUID> add, @Size(max = 500) List<@NotNull UUID> remove) {
	}

}
