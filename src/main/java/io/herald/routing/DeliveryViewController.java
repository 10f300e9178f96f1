package io.herald.routing;

import java.time.Instant;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.order.Orders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

@Tag(name = "Orders")
@RestController
class DeliveryViewController {

	private final Orders orders;

	private final Routes routes;

	DeliveryViewController(Orders orders, Routes routes) {
		this.orders = orders;
		this.routes = routes;
	}

	@Operation(summary = "The order's place on its route: \"stop 4 of 12, 2 before you\" and the ETA window")
	@GetMapping("/api/v1/orders/{orderId}/delivery")
	DeliveryView delivery(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId) {
		orders.get(orderId, caller);
		return routes.latestRouteOf(orderId).map(route -> {
			Stop stop = route.stop(orderId).orElseThrow();
			int before = stop.pending() ? route.stopsBefore(stop) : 0;
			String summary = stop.pending()
					? "stop " + stop.position + " of " + route.total() + ", " + before + " before you"
					: "stop " + stop.position + " of " + route.total() + ": " + stop.state;
			return new DeliveryView(orderId, route.id, route.state, stop.state, stop.position, route.total(),
					stop.pending() ? before : null, summary, stop.pending() ? stop.etaEarliest : null,
					stop.pending() ? stop.etaLatest : null, stop.completedAt);
		}).orElse(new DeliveryView(orderId, null, null, null, null, null, null, "not on a route", null, null, null));
	}

	record DeliveryView(UUID orderId, UUID routeId, RouteState routeState, StopState stopState, Integer position,
			Integer total, Integer stopsBefore, String summary, Instant windowEarliest, Instant windowLatest,
			Instant completedAt) {
	}

}
