package io.herald.stationapp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.herald.access.Caller;
import io.herald.order.DeliveryFailureReason;
import io.herald.order.Order;
import io.herald.order.Orders;
import io.herald.platform.NotFoundException;
import io.herald.platform.validation.E164;
import io.herald.routing.Courier;
import io.herald.routing.Route;
import io.herald.routing.RouteState;
import io.herald.routing.RouteView;
import io.herald.routing.Routes;
import io.herald.routing.StopState;
import io.herald.station.Station;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Validator;
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
 * The station app's route pages: dispatching a route, the routes of the day, and working through a route's stops. Every read and change goes through {@link Orders} and {@link Routes} scoped to the
 * signed-in station: another station's order or route is "not found" (a 404 page), never shown. A form's change is
 * answered with a redirect back (Post/Redirect/Get) and a message; a refused one changes nothing and says why.
 * Only station accounts reach these pages, which is the security chain's check of /station/** (and so every caller
 * here has its station).
 */
@Hidden
@Controller
@RequestMapping("/station")
class RoutePagesController {

	private final Orders orders;

	private final Routes routes;

	private final StationPages pages;

	private final Validator validator;

	private final Clock clock;

	RoutePagesController(Orders orders, Routes routes, StationPages pages, Validator validator, Clock clock) {
		this.orders = orders;
		this.routes = routes;
		this.pages = pages;
		this.validator = validator;
		this.clock = clock;
	}

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
		return StationPages.attempt(flash, "redirect:/station#dispatch", () -> {
			Route route = routes.dispatch(caller.stationId(), new Courier(courierName.strip(), phone, null),
					List.copyOf(new java.util.LinkedHashSet<>(orderIds)), Map.of());
			flash.addFlashAttribute("notice", "Route planned: " + route.stops().size() + " stops for "
					+ route.courier().name() + ". Start it when the courier leaves.");
			return "redirect:/station/routes/" + route.id();
		});
	}

	@GetMapping("/routes")
	String routes(@AuthenticationPrincipal Caller caller, Model model) {
		Station here = pages.here(caller);
		ZoneId zone = pages.zone(here);
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
		return pages.page(here, model, "/station/routes", "station/routes");
	}

	@GetMapping("/routes/{id}")
	String route(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
		Station here = pages.here(caller);
		model.addAttribute("route", sheet(caller, id, pages.zone(here)));
		return pages.page(here, model, "/station/routes", "station/route");
	}

	/** The changing part of the route page, fetched again on each live event. */
	@GetMapping("/routes/{id}/main")
	String routeFragment(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
		model.addAttribute("route", sheet(caller, id, pages.zone(pages.here(caller))));
		model.addAttribute("labels", Labels.INSTANCE);
		return "station/route :: stops";
	}

	@PostMapping("/routes/{id}/start")
	String start(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
		String back = "redirect:/station/routes/" + id;
		return StationPages.attempt(flash, back, () -> {
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
		String cleanNote = StationPages.note(note);
		if (StationPages.tooLong(cleanNote, flash)) {
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
		return StationPages.attempt(flash, back, () -> {
			routes.completeStop(id, station.stationId(), orderId, outcome, reason, note, null);
			flash.addFlashAttribute("notice", outcome == StopState.DELIVERED ? "Order " + number + " delivered."
					: "Order " + number + ": delivery failed (" + Labels.INSTANCE.delivery(reason).toLowerCase()
							+ "). The goods go back to the station.");
			return back + "#stop-" + orderId;
		});
	}

	/** A courier's phone, checked as the API checks it. */
	record CourierPhone(@E164 String phone) {
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
