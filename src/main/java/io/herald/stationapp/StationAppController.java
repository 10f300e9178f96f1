package io.herald.stationapp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.herald.access.Caller;
import io.herald.order.DeliveryFailureReason;
import io.herald.order.Order;
import io.herald.order.OrderFilter;
import io.herald.order.OrderPage;
import io.herald.order.OrderState;
import io.herald.order.OrderView;
import io.herald.order.Orders;
import io.herald.order.stocking.StockingFailureReason;
import io.herald.order.stocking.StockingOutcome;
import io.herald.order.stocking.StockingReport;
import io.herald.order.stocking.StockingResult;
import io.herald.platform.ConflictException;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.herald.platform.validation.E164;
import io.herald.routing.Courier;
import io.herald.routing.Route;
import io.herald.routing.RouteState;
import io.herald.routing.RouteView;
import io.herald.routing.Routes;
import io.herald.routing.StopState;
import io.herald.station.Station;
import io.herald.station.Stations;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The station app's pages. Every read and change goes through {@link Orders} and {@link Routes} scoped to the
 * signed-in station: another station's order or route is "not found" (a 404 page), never shown. A form's change is
 * answered with a redirect back (Post/Redirect/Get) and a message; a refused one changes nothing and says why.
 * Only station accounts reach these pages, which is the security chain's check of /station/** (and so every caller
 * here has its station).
 */
@Hidden
@Controller
@RequestMapping("/station")
class StationAppController {

	static final List<List<String>> SECTIONS = List.of(List.of("/station", "Orders"),
			List.of("/station/routes", "Routes"));

	private final Orders orders;

	private final Routes routes;

	private final Stations stations;

	private final Validator validator;

	/** For stations without a time zone of their own. */
	private final ZoneId defaultZone;

	private final Clock clock;

	StationAppController(Orders orders, Routes routes, Stations stations, Validator validator,
			@Value("${herald.station-app.time-zone:}") String zone, Clock clock) {
		this.clock = clock;
		this.orders = orders;
		this.routes = routes;
		this.stations = stations;
		this.validator = validator;
		this.defaultZone = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
	}

	/** The signed-in station, read once per request. */
	private Station here(Caller caller) {
		return stations.get(caller.stationId());
	}

	/** The station's time zone, in which its staff read every time on these pages. */
	private ZoneId zone(Station station) {
		return station.zone().orElse(defaultZone);
	}

	// -- orders -----------------------------------------------------------------------------------------------------

	@GetMapping
	String orders(@AuthenticationPrincipal Caller caller, Model model) {
		Station here = here(caller);
		model.addAttribute("board", board(caller, zone(here)));
		return page(here, model, "/station", "station/orders");
	}

	/** The changing part of the orders page, fetched again on each live event. */
	@GetMapping("/board")
	String boardFragment(@AuthenticationPrincipal Caller caller, Model model) {
		model.addAttribute("board", board(caller, zone(here(caller))));
		model.addAttribute("labels", Labels.INSTANCE);
		return "station/orders :: board";
	}

	@GetMapping("/orders/{id}")
	String order(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
		Order order = orders.get(id, caller);
		Station here = here(caller);
		Instant now = clock.instant();
		model.addAttribute("o", Board.Card.of(OrderView.of(order), onRoutes(caller).contains(id), now, zone(here)));
		return page(here, model, "/station", "station/order");
	}

	@PostMapping("/orders/{id}/stocked")
	String stocked(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
		return report(caller, id, StockingOutcome.stocked(), false, "stocked", flash);
	}

	@PostMapping("/orders/{id}/missing")
	String missing(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@RequestParam StockingFailureReason reason, @RequestParam(required = false) List<Integer> lines,
			@RequestParam(required = false) String note, RedirectAttributes flash) {
		String cleanNote = note(note);
		if (tooLong(cleanNote, flash)) {
			return "redirect:/station#order-" + id;
		}
		return report(caller, id, StockingOutcome.failed(reason, cleanNote, lines == null ? List.of() : lines), false,
				"reported missing goods: " + Labels.INSTANCE.stocking(reason).toLowerCase(), flash);
	}

	/** A correction of an earlier failure: the goods are there after all (restocked, or the rest packed). */
	@PostMapping("/orders/{id}/restocked")
	String restocked(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
		return report(caller, id, StockingOutcome.stocked(), true, "stocked after all", flash);
	}

	private String report(Caller caller, UUID id, StockingOutcome outcome, boolean correction, String done,
			RedirectAttributes flash) {
		Order order = orders.get(id, caller);
		StockingResult result = orders.reportOne(caller.stationId(), new StockingReport(id, outcome), correction)
			.result();
		switch (result.status()) {
			case APPLIED -> flash.addFlashAttribute("notice", "Order " + order.orderNumber() + ": " + done + ".");
			case UNCHANGED -> flash.addFlashAttribute("notice", "Order " + order.orderNumber() + " was already " + done
					+ ". Nothing changed.");
			case NOT_FOUND -> throw new NotFoundException("Order", id);
			default -> flash.addFlashAttribute("problem", "Order " + order.orderNumber() + ": " + result.detail()
					+ ". Nothing was changed.");
		}
		return "redirect:/station#order-" + id;
	}

	// -- routes -----------------------------------------------------------------------------------------------------

	@PostMapping("/routes")
	String dispatch(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) List<UUID> orderIds,
			@RequestParam(required = false) String courierName, @RequestParam(required = false) String courierPhone,
			RedirectAttributes flash) {
		if (orderIds == null || orderIds.isEmpty()) {
			flash.addFlashAttribute("problem", "Choose at least one stocked order for the route. Nothing was dispatched.");
			return "redirect:/station#dispatch";
		}
		if (courierName == null || courierName.isBlank() || courierName.length() > 200) {
			flash.addFlashAttribute("problem", "Enter the courier's name (up to 200 characters). Nothing was dispatched.");
			return "redirect:/station#dispatch";
		}
		String phone = courierPhone == null || courierPhone.isBlank() ? null : courierPhone.replaceAll("[\\s-]", "");
		if (phone != null && !validator.validateValue(CourierPhone.class, "phone", phone).isEmpty()) {
			flash.addFlashAttribute("problem",
					"The courier's phone must be in international form, such as +376 612 345. Nothing was dispatched.");
			return "redirect:/station#dispatch";
		}
		return attempt(flash, "redirect:/station#dispatch", () -> {
			Route route = routes.dispatch(caller.stationId(), new Courier(courierName.strip(), phone, null),
					List.copyOf(new java.util.LinkedHashSet<>(orderIds)), Map.of());
			flash.addFlashAttribute("notice", "Route planned: " + route.stops().size() + " stops for "
					+ route.courier().name() + ". Start it when the courier leaves.");
			return "redirect:/station/routes/" + route.id();
		});
	}

	@GetMapping("/routes")
	String routes(@AuthenticationPrincipal Caller caller, Model model) {
		Station here = here(caller);
		ZoneId zone = zone(here);
		Instant now = clock.instant();
		List<RouteSheet> sheets = new ArrayList<>();
		for (Route route : routes.list(here.id(), null)) {
			RouteView view = RouteView.of(route);
			if (view.state() != RouteState.FINISHED || (view.finishedAt() != null
					&& view.finishedAt().isAfter(now.minus(Board.RECENT)))) {
				sheets.add(RouteSheet.of(view, Map.of(), now, zone));
			}
		}
		model.addAttribute("routes", sheets);
		return page(here, model, "/station/routes", "station/routes");
	}

	@GetMapping("/routes/{id}")
	String route(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
		Station here = here(caller);
		model.addAttribute("route", sheet(caller, id, zone(here)));
		return page(here, model, "/station/routes", "station/route");
	}

	/** The changing part of the route page, fetched again on each live event. */
	@GetMapping("/routes/{id}/main")
	String routeFragment(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
		model.addAttribute("route", sheet(caller, id, zone(here(caller))));
		model.addAttribute("labels", Labels.INSTANCE);
		return "station/route :: stops";
	}

	@PostMapping("/routes/{id}/start")
	String start(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
		String back = "redirect:/station/routes/" + id;
		return attempt(flash, back, () -> {
			routes.start(id, caller.stationId());
			flash.addFlashAttribute("notice", "Route started: the customers are told their goods are on the way.");
			return back;
		});
	}

	@PostMapping("/routes/{id}/stops/{orderId}/delivered")
	String delivered(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @PathVariable UUID orderId,
			RedirectAttributes flash) {
		return complete(caller, id, orderId, StopState.DELIVERED, null, null, flash);
	}

	@PostMapping("/routes/{id}/stops/{orderId}/failed")
	String failed(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, @PathVariable UUID orderId,
			@RequestParam DeliveryFailureReason reason, @RequestParam(required = false) String note,
			RedirectAttributes flash) {
		String cleanNote = note(note);
		if (tooLong(cleanNote, flash)) {
			return "redirect:/station/routes/" + id;
		}
		return complete(caller, id, orderId, StopState.FAILED, reason, cleanNote, flash);
	}

	private String complete(Caller station, UUID id, UUID orderId, StopState outcome, DeliveryFailureReason reason,
			String note, RedirectAttributes flash) {
		String back = "redirect:/station/routes/" + id;
		// the route must be this station's, and the order on it, before anything is said about either
		RouteView route = RouteView.of(routes.get(id, station.stationId()));
		if (route.stops().stream().noneMatch(s -> s.orderId().equals(orderId))) {
			throw new NotFoundException("Stop", orderId);
		}
		String number = orders.get(orderId, station).orderNumber();
		return attempt(flash, back, () -> {
			routes.completeStop(id, station.stationId(), orderId, outcome, reason, note, null);
			flash.addFlashAttribute("notice", outcome == StopState.DELIVERED ? "Order " + number + " delivered."
					: "Order " + number + ": delivery failed (" + Labels.INSTANCE.delivery(reason).toLowerCase()
							+ "). The goods go back to the station.");
			return back + "#stop-" + orderId;
		});
	}

	// -- helpers ----------------------------------------------------------------------------------------------------

	/** A courier's phone, checked as the API checks it. */
	record CourierPhone(@E164 String phone) {
	}

	private String page(Station here, Model model, String current, String view) {
		model.addAttribute("sections", SECTIONS);
		model.addAttribute("current", current);
		model.addAttribute("who", here.name());
		model.addAttribute("labels", Labels.INSTANCE);
		return view;
	}

	/** A note as typed, stripped; none if left blank. */
	private static String note(String note) {
		return note == null || note.isBlank() ? null : note.strip();
	}

	/** Whether the (stripped) note is longer than a note may be; if so, the page is told so. */
	private static boolean tooLong(String note, RedirectAttributes flash) {
		if (note != null && note.length() > 1000) {
			flash.addFlashAttribute("problem", "The note is too long (at most 1,000 characters). Nothing was changed.");
			return true;
		}
		return false;
	}

	/**
	 * Runs a change; a refusal (a conflict with the current state, an invalid request) becomes a message on the page
	 * it came from. Not found stays an exception: the 404 page.
	 */
	private static String attempt(RedirectAttributes flash, String back, Supplier<String> change) {
		try {
			return change.get();
		}
		catch (ConflictException | InvalidRequestException e) {
			flash.addFlashAttribute("problem", e.getMessage() + ". Nothing was changed.");
			return back;
		}
	}

	private Board board(Caller station, ZoneId zone) {
		Instant now = clock.instant();
		List<Order> found = new ArrayList<>();
		Map<OrderState, Long> open = new EnumMap<>(OrderState.class);
		for (OrderFilter filter : Board.filters(station.stationId(), now)) {
			// orders that still need the station: the longest waiting first, so a backlog never hides them
			OrderPage page = filter.state() != null ? orders.searchOldestFirst(filter, Board.LIMIT, station)
					: orders.search(filter, 0, Board.LIMIT, station);
			found.addAll(page.items());
			if (filter.state() != null) {
				open.put(filter.state(), page.total());
			}
		}
		return Board.of(found, open, onRoutes(station), now, zone);
	}

	/** Orders on this station's planned or started routes, still to be delivered. */
	private Set<UUID> onRoutes(Caller caller) {
		Set<UUID> ids = new HashSet<>();
		for (RouteState state : List.of(RouteState.PLANNED, RouteState.STARTED)) {
			for (Route route : routes.list(caller.stationId(), state)) {
				route.stops().stream().filter(s -> s.pending()).forEach(s -> ids.add(s.orderId()));
			}
		}
		return ids;
	}

	private RouteSheet sheet(Caller station, UUID id, ZoneId zone) {
		RouteView route = RouteView.of(routes.get(id, station.stationId()));
		Map<UUID, Order> byId = orders.findAll(route.stops().stream().map(RouteView.StopView::orderId).toList())
			.stream()
			.filter(o -> station.stationId().equals(o.stationId()))
			.collect(Collectors.toMap(Order::id, Function.identity()));
		return RouteSheet.of(route, byId, clock.instant(), zone);
	}

}
