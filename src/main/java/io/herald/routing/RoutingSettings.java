package io.herald.routing;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Routing settings.
 *
 * @param stopsAwayThresholds "N stops away" messages, each sent once per order and route
 * @param stopsAwayCatchUp when one change reaches several thresholds at once (the first stops when a route starts):
 * {@code true} sends each once, farthest first, worded "within N stops"; {@code false} sends only the nearest
 * @param etaChangeMinimum a told window must move by more than this before the customer hears of it
 * @param etaChangeInterval at most one ETA_CHANGED per order within this interval
 * @param replanGain re-sequencing may move a customer already told they are next only if the new sequence is this
 * much shorter (0.15: 15% less travel)
 * @param serviceTime planned time at each stop
 * @param sequencerBudget time the sequencer may search when a route is dispatched or stops are added or removed
 * @param replanBudget time it may search when a stop finished or the courier moved: the remaining sequence is
 * already good, and the courier is waiting
 * @param sequencerSeed seed of the sequencer's random choices
 * @param travel the travel-time model
 * @param eta the ETA window model
 */
@ConfigurationProperties("herald.routing")
public record RoutingSettings(@DefaultValue({ "3", "1" }) List<Integer> stopsAwayThresholds,
		@DefaultValue("true") boolean stopsAwayCatchUp,
		@DefaultValue("10m") Duration etaChangeMinimum, @DefaultValue("15m") Duration etaChangeInterval,
		@DefaultValue("0.15") double replanGain, @DefaultValue("3m") Duration serviceTime,
		@DefaultValue("200ms") Duration sequencerBudget, @DefaultValue("1ms") Duration replanBudget,
		@DefaultValue("7") long sequencerSeed,
		@DefaultValue Travel travel, @DefaultValue Eta eta) {

	/**
	 * @param model {@code great-circle} (default) or {@code road} (GraphHopper on an OpenStreetMap file)
	 * @param circuity great-circle model: road distance over straight-line distance
	 * @param footKmh speed on foot
	 * @param bikeKmh speed by bike
	 * @param scooterKmh speed by scooter
	 * @param carKmh speed by car
	 * @param vanKmh speed by van
	 * @param osmFile road model: the OpenStreetMap extract ({@code .osm.pbf}) to route on; required with {@code road}
	 * @param graphCacheDir road model: where the graph imported from the OSM file is kept and reused on restart
	 * @param maxSnapMeters road model: a point farther than this from a usable road gets the great-circle estimate
	 */
	public record Travel(@DefaultValue("great-circle") String model, @DefaultValue("1.35") double circuity,
			@DefaultValue("5") double footKmh, @DefaultValue("15") double bikeKmh,
			@DefaultValue("25") double scooterKmh, @DefaultValue("30") double carKmh,
			@DefaultValue("25") double vanKmh, String osmFile,
			@DefaultValue("./data/graphhopper") String graphCacheDir, @DefaultValue("500") double maxSnapMeters) {
	}

	/**
	 * @param confidence share of arrivals the windows aim to contain
	 * @param maxWidth widest window for stops within the horizon
	 * @param minWidth narrowest window
	 */
	public record Eta(@DefaultValue("0.9") double confidence, @DefaultValue("30m") Duration maxWidth,
			@DefaultValue("10m") Duration minWidth) {
	}

}
