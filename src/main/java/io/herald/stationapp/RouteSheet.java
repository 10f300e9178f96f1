package io.herald.stationapp;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.order.Order;
import io.herald.routing.RouteState;
import io.herald.routing.RouteView;
import io.herald.routing.StopState;

/** What the route page shows: the courier, the state and the stops in their sequence with their ETA windows. */
record RouteSheet(UUID id, String courier, RouteState state, int total, int remaining, String plannedAt,
		String startedAt, String finishedAt, String lastPosition, List<Row> stops) {

	public boolean planned() {
		return state == RouteState.PLANNED;
	}

	public boolean started() {
		return state == RouteState.STARTED;
	}

	/** One stop; the order's number, the customer's first name and the address, never their phone or email. */
	record Row(UUID orderId, int position, StopState state, Integer stopsBefore, String window, String eta,
			String number, String firstName, String address, int items, String failureReason, String failureNote,
			String completed) {

		public boolean pending() {
			return state == StopState.PENDING;
		}

		public boolean next() {
			return stopsBefore != null && stopsBefore == 0;
		}

	}

	static RouteSheet of(RouteView route, Map<UUID, Order> orders, Instant now, ZoneId zone) {
		List<Row> rows = route.stops()
			.stream()
			.filter(s -> s.state() != StopState.REMOVED)
			.sorted(Comparator.comparing(RouteView.StopView::position))
			.map(s -> {
				Order order = orders.get(s.orderId());
				String window = s.window() == null || s.window().earliest() == null ? null
						: Board.clock(s.window().earliest(), zone) + "–" + Board.clock(s.window().latest(), zone);
				return new Row(s.orderId(), s.position(), s.state(), s.stopsBefore(), window,
						Board.clock(s.eta(), zone), order == null ? "?" : order.orderNumber(),
						order == null ? "" : order.customer().firstName(),
						order == null ? "" : order.destination().address(),
						order == null ? 0 : order.lines().stream().mapToInt(l -> l.quantity()).sum(),
						s.failureReason(), s.failureNote(), Board.time(s.completedAt(), now, zone));
			})
			.toList();
		return new RouteSheet(route.id(), route.courier().name(), route.state(), route.total(), route.remaining(),
				Board.time(route.plannedAt(), now, zone), Board.time(route.startedAt(), now, zone),
				Board.time(route.finishedAt(), now, zone),
				route.courierPosition() == null ? null : Board.time(route.courierPosition().at(), now, zone), rows);
	}

}
