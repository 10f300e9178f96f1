package io.herald.routing;

import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
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
	@Allowed({ Role.ADMIN, Role.MERCHANT, Role.STATION })
	DeliveryPosition delivery(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId) {
		orders.get(orderId, caller);
		return routes.positionOf(orderId);
	}

}
