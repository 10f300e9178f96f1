package io.herald.stationapp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.herald.order.Order;
import io.herald.order.OrderFilter;
import io.herald.order.OrderLine;
import io.herald.order.OrderState;
import io.herald.order.OrderView;
import io.herald.order.Resolution;
import io.herald.order.stocking.StockingFailureReason;
import io.herald.order.stocking.StockingStatus;

/**
 * What the orders page shows: the station's orders of the last 24 hours and, whatever their age, those that still
 * need the station (waiting to be stocked, stocked but not yet out, failed), grouped by stocking status.
 */
record Board(List<Card> waiting, List<Card> stocked, List<Card> failed, List<Card> dispatchable, long notShown) {

	/** How far back orders that need nothing more from the station are still shown. */
	static final Duration RECENT = Duration.ofHours(24);

	/** Open states: shown whatever the order's age. */
	static final List<OrderState> OPEN = List.of(OrderState.ASSIGNED, OrderState.STOCKED, OrderState.STOCKING_FAILED,
			OrderState.DELIVERY_FAILED);

	static final int LIMIT = 200;

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("d MMM HH:mm");

	/** The filters whose results make up the board. */
	static List<OrderFilter> filters(UUID stationId, Instant now) {
		List<OrderFilter> filters = new ArrayList<>();
		for (OrderState state : OPEN) {
			filters.add(new OrderFilter(null, stationId, state, null, null, null, null));
		}
		filters.add(new OrderFilter(null, stationId, null, null, now.minus(RECENT), null, null));
		return filters;
	}

	/**
	 * The board of the orders {@code found} (which may hold an order twice), saying how many orders that still need
	 * the station it does not show: per open state, how many there are ({@code open}) beyond those shown.
	 */
	static Board of(List<Order> found, Map<OrderState, Long> open, Set<UUID> onRoutes, Instant now, ZoneId zone) {
		Map<UUID, Order> unique = new LinkedHashMap<>();
		found.forEach(o -> unique.putIfAbsent(o.id(), o));
		List<Card> waiting = new ArrayList<>();
		List<Card> stocked = new ArrayList<>();
		List<Card> failed = new ArrayList<>();
		List<Card> dispatchable = new ArrayList<>();
		unique.values()
			.stream()
			.sorted(Comparator.comparing(Order::placedAt).reversed())
			.forEach(order -> {
				Card card = Card.of(OrderView.of(order), onRoutes.contains(order.id()), now, zone);
				switch (order.stockingStatus()) {
					case PENDING -> {
						if (order.state() == OrderState.ASSIGNED) {
							waiting.add(card);
						}
					}
					case STOCKED -> {
						stocked.add(card);
						if (card.dispatchable()) {
							dispatchable.add(card);
						}
					}
					case FAILED -> failed.add(card);
				}
			});
		Map<OrderState, Long> shown = new EnumMap<>(OrderState.class);
		unique.values().forEach(o -> shown.merge(o.state(), 1L, Long::sum));
		long notShown = open.entrySet()
			.stream()
			.mapToLong(e -> Math.max(0, e.getValue() - shown.getOrDefault(e.getKey(), 0L)))
			.sum();
		return new Board(waiting, stocked, failed, dispatchable, notShown);
	}

	/** How many orders each group shows at most. */
	public int limit() {
		return LIMIT;
	}

	/** One order as the station sees it: the customer's first name only, never their phone, email or last name. */
	record Card(UUID id, String number, OrderState state, StockingStatus stocking, String firstName, String address,
			List<OrderLine> lines, String placed, StockingFailureReason reason, String note, List<OrderLine> missing,
			Resolution choice, String choseAt, boolean onRoute) {

		public boolean dispatchable() {
			return state == OrderState.STOCKED && !onRoute;
		}

		/** A failure the station can still turn into "stocked" (a correction), e.g. after restocking. */
		public boolean correctable() {
			return state == OrderState.STOCKING_FAILED;
		}

		static Card of(OrderView o, boolean onRoute, Instant now, ZoneId zone) {
			var stocking = o.stocking();
			List<OrderLine> missing = stocking.status() != StockingStatus.FAILED ? List.of()
					: o.items().stream()
						.filter(line -> stocking.failedLines().isEmpty() || stocking.failedLines().contains(line.line()))
						.toList();
			return new Card(o.id(), o.orderNumber(), o.state(), stocking.status(), o.customer().firstName(),
					o.destination().address(), o.items(), time(o.placedAt(), now, zone), stocking.reason(),
					stocking.note(), missing, stocking.customerChoice(),
					stocking.customerChoseAt() == null ? null : time(stocking.customerChoseAt(), now, zone), onRoute);
		}

	}

	/** HH:mm for today, with the date otherwise, in the station app's time zone. */
	static String time(Instant at, Instant now, ZoneId zone) {
		if (at == null) {
			return null;
		}
		boolean today = at.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
		return (today ? CLOCK : DAY_CLOCK).format(at.atZone(zone));
	}

	static String clock(Instant at, ZoneId zone) {
		return at == null ? null : CLOCK.format(at.atZone(zone));
	}

}
