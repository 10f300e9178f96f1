package io.herald.routing.travel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import com.graphhopper.GraphHopper;
import com.graphhopper.routing.ch.CHRoutingAlgorithmFactory;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.PMap;
import io.herald.platform.geo.GeoPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Travel times on the real road network: GraphHopper (Apache-2.0) on an OpenStreetMap extract. Map data © OpenStreetMap
 * contributors, available under the Open Database License (ODbL); whoever ships or shows results of this model must
 * credit them.
 * <p>
 * The OSM file is imported once (seconds for a small country, minutes for a large one) into a graph with contraction
 * hierarchies, stored under the cache directory and loaded from there on every later start. The cache is keyed by the
 * OSM file (name, size, modification time), the GraphHopper version and this class's profile set, so a new extract or
 * an upgrade imports afresh instead of loading a stale graph. An import writes into a private directory and renames it
 * into place when complete, so a crash or a second process importing at the same time never leaves a half graph.
 * <p>
 * Profiles: {@link VehicleProfile#CAR}, {@link VehicleProfile#VAN} and {@link VehicleProfile#SCOOTER} route on
 * GraphHopper's {@code car} custom model, {@link VehicleProfile#BIKE} on {@code bike}, {@link VehicleProfile#FOOT} on
 * {@code foot}. Node-based (no turn costs) to keep the import short.
 * <p>
 * Each point is snapped to the nearest road the profile may use, at most {@code maxSnapMeters} away; the walk from the
 * point to the road is not counted. A point that cannot be snapped, or a pair with no route (a one-way trap, a
 * disconnected network), falls back to the great-circle estimate of the fallback model; {@link #fallbacks()} counts
 * those answers. Thread-safe: the graph is read-only after loading and every call builds its own query graph.
 */
public final class RoadTravelTimeModel implements TravelTimeModel, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RoadTravelTimeModel.class);

	private static final Map<VehicleProfile, String> PROFILE_NAMES = Map.of(VehicleProfile.CAR, "car",
			VehicleProfile.VAN, "car", VehicleProfile.SCOOTER, "car", VehicleProfile.BIKE, "bike", VehicleProfile.FOOT,
			"foot");

	private final GraphHopper hopper;

	private final Map<VehicleProfile, Network> networks = new EnumMap<>(VehicleProfile.class);

	private final TravelTimeModel fallback;

	private final double maxSnapMeters;

	private final boolean imported;

	private final AtomicLong fallbacks = new AtomicLong();

	private RoadTravelTimeModel(GraphHopper hopper, boolean imported, TravelTimeModel fallback, double maxSnapMeters) {
		this.hopper = hopper;
		this.imported = imported;
		this.fallback = fallback;
		this.maxSnapMeters = maxSnapMeters;
		Map<String, Network> byName = new HashMap<>();
		PROFILE_NAMES.forEach((profile, name) -> networks.put(profile, byName.computeIfAbsent(name, this::network)));
	}

	/**
	 * Loads the road graph of {@code osmFile} from {@code graphCacheDir}, importing it there first if no graph for
	 * this file is cached yet.
	 *
	 * @param osmFile an OpenStreetMap extract ({@code .osm.pbf})
	 * @param graphCacheDir where imported graphs are kept between runs; created if absent
	 * @param maxSnapMeters points farther than this from any usable road fall back to {@code fallback}
	 * @param fallback answers for points off the network and pairs without a route
	 */
	public static RoadTravelTimeModel open(Path osmFile, Path graphCacheDir, double maxSnapMeters,
			TravelTimeModel fallback) {
		Objects.requireNonNull(fallback, "fallback");
		if (!(maxSnapMeters > 0)) {
			throw new IllegalArgumentException("maxSnapMeters must be positive");
		}
		if (!Files.isRegularFile(osmFile)) {
			throw new IllegalArgumentException("no OpenStreetMap file at " + osmFile.toAbsolutePath());
		}
		RoadGraphCache.Loaded loaded = RoadGraphCache.load(osmFile, graphCacheDir);
		return new RoadTravelTimeModel(loaded.hopper(), loaded.imported(), fallback, maxSnapMeters);
	}

	@Override
	public int seconds(GeoPoint from, GeoPoint to, VehicleProfile profile) {
		return leg(from, to, profile).seconds();
	}

	/**
	 * Snaps every point once, puts all of them into one query graph and runs one contraction-hierarchies query per
	 * ordered pair (GraphHopper's open-source core has no matrix API): about 0.1 ms per pair on a small network.
	 */
	@Override
	public int[][] matrix(List<GeoPoint> points, VehicleProfile profile) {
		Query query = new Query(points, profile);
		int n = points.size();
		int[][] matrix = new int[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				matrix[i][j] = i == j ? 0 : query.leg(i, j).seconds();
			}
		}
		return matrix;
	}

	/**
	 * One leg with its length, the same answer as {@link #seconds}; {@code fallback} tells that it is the great-circle
	 * estimate (then {@code meters} is the straight-line distance).
	 */
	public Leg leg(GeoPoint from, GeoPoint to, VehicleProfile profile) {
		return new Query(List.of(from, to), profile).leg(0, 1);
	}

	/** How many answers (single legs or matrix cells) came from the great-circle fallback since this model opened. */
	public long fallbacks() {
		return fallbacks.get();
	}

	/** Whether this instance imported the OSM file (false: it loaded a cached graph). */
	public boolean imported() {
		return imported;
	}

	@Override
	public void close() {
		hopper.close();
	}

	private Network network(String profileName) {
		RoutingCHGraph chGraph = hopper.getCHGraphs().get(profileName);
		if (chGraph == null) {
			throw new IllegalStateException("the road graph has no contraction hierarchy for profile " + profileName);
		}
		BooleanEncodedValue inSubnetwork = hopper.getEncodingManager()
			.getBooleanEncodedValue(Subnetwork.key(profileName));
		// snap only to edges the profile may use and that are not part of a tiny island cut off from the rest
		return new Network(chGraph, new DefaultSnapFilter(chGraph.getWeighting(), inSubnetwork));
	}

	/** The points of one call snapped to one profile's network, in a query graph private to the call. */
	private final class Query {

		private final List<GeoPoint> points;

		private final VehicleProfile profile;

		private final Snap[] snaps;

		private final CHRoutingAlgorithmFactory algorithms;

		private final PMap hints = new PMap();

		Query(List<GeoPoint> points, VehicleProfile profile) {
			Network network = networks.get(Objects.requireNonNull(profile, "profile"));
			this.points = points;
			this.profile = profile;
			this.snaps = new Snap[points.size()];
			List<Snap> valid = new ArrayList<>(snaps.length);
			for (int i = 0; i < snaps.length; i++) {
				GeoPoint point = points.get(i);
				Snap snap = hopper.getLocationIndex().findClosest(point.lat(), point.lon(), network.snapFilter());
				if (snap.isValid() && snap.getQueryDistance() <= maxSnapMeters) {
					snaps[i] = snap;
					valid.add(snap);
				}
			}
			// splits the snapped edges at virtual nodes (and moves the snaps onto them)
			QueryGraph queryGraph = QueryGraph.create(hopper.getBaseGraph(), valid);
			this.algorithms = new CHRoutingAlgorithmFactory(network.chGraph(), queryGraph);
		}

		Leg leg(int i, int j) {
			GeoPoint from = points.get(i);
			GeoPoint to = points.get(j);
			if (snaps[i] != null && snaps[j] != null) {
				var path = algorithms.createAlgo(hints).calcPath(snaps[i].getClosestNode(), snaps[j].getClosestNode());
				if (path.isFound()) {
					return new Leg((int) Math.round(path.getTime() / 1000.0), path.getDistance(), false);
				}
			}
			// a point off the road network (or outside the extract), or no route between the two (one-way trap,
			// separate network): the great-circle estimate instead, counted
			fallbacks.incrementAndGet();
			return new Leg(fallback.seconds(from, to, profile), from.distanceMeters(to), true);
		}

	}

	/**
	 * @param seconds travel time
	 * @param meters road distance, or the straight-line distance of a fallback
	 * @param fallback whether this is the great-circle estimate
	 */
	public record Leg(int seconds, double meters, boolean fallback) {
	}

	private record Network(RoutingCHGraph chGraph, EdgeFilter snapFilter) {
	}

}
