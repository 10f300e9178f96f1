package io.herald.stationapp;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.access.Caller;
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
import io.herald.platform.NotFoundException;
import io.herald.routing.Routes;
import io.herald.station.Station;
import io.swagger.v3.oas.annotations.Hidden;
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
 * The station app's orders pages: today's orders by stocking status, one order, and stocking in a tap. Every read and change goes through {@link Orders} and {@link Routes} scoped to the
 * signed-in station: another station's order or route is "not found" (a 404 page), never shown. A form's change is
 * answered with a redirect back (Post/Redirect/Get) and a message; a refused one changes nothing and says why.
 * Only station accounts reach these pages, which is the security chain's check of /station/** (and so every caller
 * here has its station).
 */
@Hidden
@Controller
@RequestMapping("/station")
class OrderPagesController {

	private final Orders orders;

	private final StationPages pages;

	private final Clock clock;

	OrderPagesController(Orders orders, StationPages pages, Clock clock) {
		this.orders = orders;
		this.pages = pages;
		this.clock = clock;
	}

	@GetMapping
	String orders(@AuthenticationPrincipal Caller caller, Model model) {
		Station here = pages.here(caller);
		model.addAttribute("board", board(caller, pages.zone(here)));
		return pages.page(here, model, "/station", "station/orders");
	}

	/** The changing part of the orders page, fetched again on each live event. */
	@GetMapping("/board")
	String boardFragment(@AuthenticationPrincipal Caller caller, Model model) {
		model.addAttribute("board", board(caller, pages.zone(pages.here(caller))));
		model.addAttribute("labels", Labels.INSTANCE);
		return "station/orders :: board";
	}

	@GetMapping("/orders/{id}")
	String order(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, Model model) {
		Order order = orders.get(id, caller);
		Station here = pages.here(caller);
		Instant now = clock.instant();
		model.addAttribute("o", Board.Card.of(OrderView.of(order), pages.onRoutes(caller).contains(id), now, pages.zone(here)));
		return pages.page(here, model, "/station", "station/order");
	}

	@PostMapping("/orders/{id}/stocked")
	String stocked(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
		return report(caller, id, StockingOutcome.stocked(), false, "stocked", flash);
	}

	@PostMapping("/orders/{id}/missing")
	String missing(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@RequestParam StockingFailureReason reason, @RequestParam(required = false) List<Integer> lines,
			@RequestParam(required = false) String note, RedirectAttributes flash) {
		String cleanNote = StationPages.note(note);
		if (StationPages.tooLong(cleanNote, flash)) {
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
		return Board.of(found, open, pages.onRoutes(station), now, zone);
	}

}
