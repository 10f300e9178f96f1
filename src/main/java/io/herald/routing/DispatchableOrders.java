package io.herald.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.herald.order.InvalidTransitionException;
import io.herald.order.Order;
import io.herald.order.OrderState;
import io.herald.order.Orders;
import io.herald.platform.NotFoundException;
import io.herald.platform.geo.GeoPoint;
import org.springframework.stereotype.Component;

/**
 * Which orders may go on a route (STOCKED at the station and on no other route), and the stop each becomes. Used when
 * a route is dispatched or split, and when stops are added to one; the orders are locked for the caller's
 * transaction.
 */
@Component
class DispatchableOrders {

	private final Orders orders;

	private final RouteRepository repository;

	private final RoutingSettings settings;

	DispatchableOrders(Orders orders, RouteRepository repository, RoutingSettings settings) {
		this.orders = orders;
		this.repository = repository;
		this.settings = settings;
	}

	/** The given orders, or all the station's STOCKED orders not on a route; refused when there are none. */
	List<Order> choose(UUID stationId, List<UUID> orderIds) {
		List<Order> chosen = orderIds == null || orderIds.isEmpty() ? unroutedStocked(stationId)
				: eligible(stationId, new LinkedHashSet<>(orderIds));
		if (chosen.isEmpty()) {
			throw new InvalidTransitionException("nothing-to-dispatch", "Station has no STOCKED orders to dispatch");
		}
		return chosen;
	}

	/** The given orders, each STOCKED at this station and on no other route; anything else is refused. */
	List<Order> eligible(UUID stationId, Set<UUID> ids) {
		Map<UUID, Order> found = orders.lockAll(ids).stream().collect(Collectors.toMap(Order::id, Function.identity()));
		Set<UUID> onRoutes = repository.onActiveRoutes(ids);
		List<Order> result = new ArrayList<>();
		for (UUID id : ids) {
			Order o = found.get(id);
			if (o == null || !stationId.equals(o.stationId())) {
				throw new NotFoundException("Order", id);
			}
			if (o.state() != OrderState.STOCKED) {
				throw new InvalidTransitionException("order-not-stocked",
						"Order " + o.orderNumber() + " is " + o.state() + ", not STOCKED");
			}
			if (onRoutes.contains(id)) {
				throw new InvalidTransitionException("order-on-route",
						"Order " + o.orderNumber() + " is already on a route");
			}
			result.add(o);
		}
		return result;
	}

	/** The pending stop an order becomes, with the slot promised to its customer if any. */
	Stop stopFor(Order order, Routes.Promise promise) {
		return Stop.pending(order.id(), order.merchantId(), destination(order),
				(int) settings.serviceTime().toSeconds(), promise == null ? null : promise.from(),
				promise == null ? null : promise.to());
	}

	static GeoPoint destination(Order order) {
		return new GeoPoint(order.destination().lat(), order.destination().lon());
	}

	private List<Order> unroutedStocked(UUID stationId) {
		List<UUID> stocked = orders.stockedAt(stationId, 1_000).stream().map(Order::id).toList();
		Set<UUID> onRoutes = repository.onActiveRoutes(stocked);
		return orders.lockAll(stocked.stream().filter(id -> !onRoutes.contains(id)).toList()).stream()
			.filter(o -> o.state() == OrderState.STOCKED)
			.toList();
	}

}
