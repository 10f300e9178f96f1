package io.herald.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.merchant.Merchant;
import io.herald.merchant.Merchants;
import io.herald.notification.NotificationAdministration;
import io.herald.order.Order;
import io.herald.order.OrderFilter;
import io.herald.order.OrderPage;
import io.herald.order.OrderSearch;
import io.herald.order.OrderState;
import io.herald.order.Orders;
import io.herald.order.StoredOrderEvent;
import io.herald.order.stocking.StockingStatus;
import io.herald.station.Stations;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Orders: search and filters with paging; one order's story and its notifications. */
@Hidden
@Controller
class OrdersController {

	static final int PAGE_SIZE = 25;

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

	/** Fields of an event that the page shows elsewhere or that mean nothing to people. */
	private static final Set<String> HIDDEN_FIELDS = Set.of("orderId", "merchantId", "occurredAt", "type");

	private final OrderSearch search;

	private final Orders orders;

	private final Stations stations;

	private final Merchants merchants;

	private final NotificationAdministration notifications;

	OrdersController(OrderSearch search, Orders orders, Stations stations, Merchants merchants,
			NotificationAdministration notifications) {
		this.search = search;
		this.orders = orders;
		this.stations = stations;
		this.merchants = merchants;
		this.notifications = notifications;
	}

	/** One row of the list. */
	record OrderRow(UUID id, String number, String merchant, String customer, String station, String state,
			String stocking, String placedAt) {
	}

	@GetMapping("/console/orders")
	String list(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String q,
			@RequestParam(required = false) UUID station, @RequestParam(required = false) OrderState state,
			@RequestParam(required = false) StockingStatus stocking, @RequestParam(defaultValue = "0") int page,
			Model model) {
		Map<UUID, String> stationNames = ConsolePages.stationNames(stations);
		Map<UUID, String> merchantNames = merchantNames();
		OrderPage result = search.search(q, new OrderFilter(null, station, state, stocking, null, null, null),
				Math.max(0, page), PAGE_SIZE, caller);
		List<OrderRow> rows = result.items()
			.stream()
			.map(o -> new OrderRow(o.id(), o.orderNumber(), merchantNames.getOrDefault(o.merchantId(), ""),
					o.customer().name(), OverviewController.name(stationNames, o.stationId()),
					OverviewController.label(o.state().name()), OverviewController.label(o.stockingStatus().name()),
					TIME.format(o.placedAt())))
			.toList();
		long pages = Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE);
		model.addAttribute("rows", rows);
		model.addAttribute("total", result.total());
		model.addAttribute("page", result.page());
		model.addAttribute("pages", pages);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("station", station);
		model.addAttribute("state", state);
		model.addAttribute("stocking", stocking);
		model.addAttribute("stations", stationNames);
		model.addAttribute("states", OrderState.values());
		model.addAttribute("stockings", StockingStatus.values());
		return "console/orders";
	}

	/** One entry of the story as shown: what happened, when, and its details. */
	record StoryEntry(String what, String at, String details) {
	}

	@GetMapping("/console/orders/{id}")
	String order(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
		Order order = orders.get(id, caller);
		Map<UUID, String> stationNames = ConsolePages.stationNames(stations);
		List<StoryEntry> story = new ArrayList<>();
		for (StoredOrderEvent e : orders.story(id, caller)) {
			story.add(new StoryEntry(e.type().replace("order.", "").replace('_', ' '), TIME.format(e.occurredAt()),
					details(e, stationNames)));
		}
		model.addAttribute("order", order);
		model.addAttribute("merchant", merchants.find(order.merchantId()).map(Merchant::name).orElse(""));
		model.addAttribute("station", order.stationId() == null ? "none"
				: OverviewController.name(stationNames, order.stationId()));
		model.addAttribute("placedAt", TIME.format(order.placedAt()));
		model.addAttribute("story", story);
		model.addAttribute("notifications", notifications.ofOrder(id, caller));
		return "console/order";
	}

	/** The event's own fields, "name: value", station ids by name. */
	private static String details(StoredOrderEvent e, Map<UUID, String> stationNames) {
		if (e.data() == null || !e.data().isObject()) {
			return "";
		}
		List<String> parts = new ArrayList<>();
		e.data().properties().forEach(field -> {
			String name = field.getKey();
			var value = field.getValue();
			if (HIDDEN_FIELDS.contains(name) || value.isNull() || (value.isArray() && value.isEmpty())
					|| (value.isBoolean() && !value.asBoolean())) {
				return;
			}
			String text = value.isValueNode() ? value.asString() : value.toString();
			if (name.equals("stationId")) {
				try {
					text = OverviewController.name(stationNames, UUID.fromString(text));
					name = "station";
				}
				catch (IllegalArgumentException ignored) {
					// shown as it is
				}
			}
			parts.add(name + ": " + text);
		});
		return String.join(" · ", parts);
	}

	static String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant);
	}

	private Map<UUID, String> merchantNames() {
		Map<UUID, String> names = new LinkedHashMap<>();
		merchants.all().forEach(m -> names.put(m.id(), m.name()));
		return names;
	}

}
