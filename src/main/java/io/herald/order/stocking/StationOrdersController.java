package io.herald.order.stocking;

import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.order.OrderController;
import io.herald.order.OrderFilter;
import io.herald.order.OrderPage;
import io.herald.order.OrderState;
import io.herald.order.OrderView;
import io.herald.order.Orders;
import io.herald.platform.ApiSettings;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
@Tag(name = "Stations")
@RestController
class StationOrdersController {

	private final Orders orders;

	private final ApiSettings settings;

	StationOrdersController(Orders orders, ApiSettings settings) {
		this.orders = orders;
		this.settings = settings;
	}

	@Operation(summary = "A station's orders, optionally by stocking status (the station itself or an operator)")
	@GetMapping("/api/v1/stations/{stationId}/orders")
	@Allowed({ Role.ADMIN, Role.STATION })
	OrderController.PageView list(@AuthenticationPrincipal Caller caller, @PathVariable UUID stationId,
			@RequestParam(required = false) StockingStatus stockingStatus,
			@RequestParam(required = false) OrderState state, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size) {
		if (caller.stationScope().filter(own -> !own.equals(stationId)).isPresent()) {
			throw new NotFoundException("Station", stationId);
		}
		if (page < 0 || size < 1 || size > settings.maxPageSize()) {
			throw new InvalidRequestException("size", "page must be >= 0 and size between 1 and " + settings.maxPageSize());
		}
		OrderPage result = orders.search(new OrderFilter(null, stationId, state, stockingStatus, null, null, null),
				page, size, caller);
		return new OrderController.PageView(result.items().stream().map(OrderView::of).toList(), result.page(),
				result.size(), result.total());
	}

}
