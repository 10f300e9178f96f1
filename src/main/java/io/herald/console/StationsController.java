package io.herald.console;

import java.util.List;

import io.herald.station.Station;
import io.herald.station.Stations;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The stations, with a map of their service areas and depots. */
@Hidden
@Controller
class StationsController {

	private final Stations stations;

	StationsController(Stations stations) {
		this.stations = stations;
	}

	@GetMapping("/console/stations")
	String stations(Model model) {
		List<Station> all = stations.all()
			.stream()
			.sorted(java.util.Comparator.comparing(Station::name, String.CASE_INSENSITIVE_ORDER))
			.toList();
		model.addAttribute("map", ServiceAreaMap.of(all, OverviewController.PALETTE));
		return "console/stations";
	}

}
