package io.herald.stationapp;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.herald.access.Caller;
import io.herald.order.Orders;
import io.herald.platform.ConflictException;
import io.herald.platform.InvalidRequestException;
import io.herald.routing.Route;
import io.herald.routing.RouteState;
import io.herald.routing.Routes;
import io.herald.station.Station;
import io.herald.station.Stations;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the station app's pages share: the signed-in station, its time zone, the page frame, the orders on its routes,
 * and how a form's change is answered.
 */
@Component
class StationPages {

	static final List<List<String>> SECTIONS = List.of(List.of("/station", "Orders"),
			List.of("/station/routes", "Routes"));

	private final Routes routes;

	private final Stations stations;

	/** For stations without a time zone of their own. */
	private final ZoneId defaultZone;

	StationPages(Routes routes, Stations stations, @Value("${herald.station-app.time-zone:}") String zone) {
		this.routes = routes;
		this.stations = stations;
		this.defaultZone = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
	}

	/** The signed-in station, read once per request. */
	Station here(Caller caller) {
		return stations.get(caller.stationId());
	}

	/** The station's time zone, in which its staff read every time on these pages. */
	ZoneId zone(Station station) {
		return station.zone().orElse(defaultZone);
	}

	String page(Station here, Model model, String current, String view) {
		model.addAttribute("sections", SECTIONS);
		model.addAttribute("current", current);
		model.addAttribute("who", here.name());
		model.addAttribute("labels", Labels.INSTANCE);
		return view;
	}

	/** A note as typed, stripped; none if left blank. */
	static String note(String note) {
		return note == null || note.isBlank() ? null : note.strip();
	}

	/** Whether the (stripped) note is longer than a note may be; if so, the page is told so. */
	static boolean tooLong(String note, RedirectAttributes flash) {
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
	static String attempt(RedirectAttributes flash, String back, Supplier<String> change) {
		try {
			return change.get();
		}
		catch (ConflictException | InvalidRequestException e) {
			flash.addFlashAttribute("problem", e.getMessage() + ". Nothing was changed.");
			return back;
		}
	}

	/** Orders on this station's planned or started routes, still to be delivered. */
	Set<UUID> onRoutes(Caller caller) {
		Set<UUID> ids = new HashSet<>();
		for (RouteState state : List.of(RouteState.PLANNED, RouteState.STARTED)) {
			for (Route route : routes.list(caller.stationId(), state)) {
				route.stops().stream().filter(s -> s.pending()).forEach(s -> ids.add(s.orderId()));
			}
		}
		return ids;
	}

}
