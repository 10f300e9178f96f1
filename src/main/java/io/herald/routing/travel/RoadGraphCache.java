package io.herald.routing.travel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.graphhopper.GraphHopper;
import com.graphhopper.config.CHProfile;
import com.graphhopper.config.Profile;
import com.graphhopper.util.Constants;
import com.graphhopper.util.GHUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The road graphs imported from OpenStreetMap extracts, kept on disk between runs: an extract is imported once (into
 * a temporary directory moved into place, so a crashed or concurrent import never leaves half a graph) under a key
 * of its name, size, date, the GraphHopper version and the profiles, and loaded from there afterwards.
 */
final class RoadGraphCache {

	private static final Logger log = LoggerFactory.getLogger(RoadGraphCache.class);

	/** Bump when the profiles or encoded values below change: a new key makes the cache import afresh. */
	private static final String GRAPH_LAYOUT = "herald-road-1";

	private static final String ENCODED_VALUES = String.join(", ", "car_access", "car_average_speed", "bike_access",
			"bike_priority", "bike_average_speed", "bike_road_access", "roundabout", "foot_access", "foot_priority",
			"foot_average_speed", "foot_road_access", "hike_rating", "mtb_rating", "country", "road_class");

	/** A loaded graph, and whether it was imported for this run (the first for this extract). */
	record Loaded(GraphHopper hopper, boolean imported) {
	}

	private RoadGraphCache() {
	}

	static Loaded load(Path osmFile, Path graphCacheDir) {
		try {
			Files.createDirectories(graphCacheDir);
			Path graphDir = graphCacheDir.resolve(cacheKey(osmFile));
			boolean imported = false;
			if (!Files.isDirectory(graphDir)) {
				importInto(osmFile, graphDir);
				imported = true;
			}
			GraphHopper hopper = configure(osmFile, graphDir);
			if (!hopper.load()) {
				hopper.close();
				throw new IllegalStateException("cannot load the road graph in " + graphDir.toAbsolutePath()
						+ "; delete that directory to import " + osmFile + " again");
			}
			log.info("Road graph of {} loaded from {} ({} nodes; map data © OpenStreetMap contributors)",
					osmFile.getFileName(), graphDir, hopper.getBaseGraph().getNodes());
			return new Loaded(hopper, imported);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot prepare the road graph cache in " + graphCacheDir, ex);
		}
	}

	private static GraphHopper configure(Path osmFile, Path graphDir) {
		GraphHopper hopper = new GraphHopper();
		hopper.setOSMFile(osmFile.toString());
		hopper.setGraphHopperLocation(graphDir.toString());
		hopper.setEncodedValuesString(ENCODED_VALUES);
		List<Profile> profiles = Stream.of("car", "bike", "foot")
			.map(name -> new Profile(name).setCustomModel(GHUtility.loadCustomModelFromJar(name + ".json")))
			.toList();
		hopper.setProfiles(profiles);
		hopper.getCHPreparationHandler()
			.setCHProfiles(profiles.stream().map(profile -> new CHProfile(profile.getName())).toList());
		return hopper;
	}

	private static void importInto(Path osmFile, Path graphDir) throws IOException {
		Path work = Files.createTempDirectory(graphDir.getParent(), graphDir.getFileName() + ".importing-");
		long started = System.nanoTime();
		log.info("Importing {} into a road graph (once; map data © OpenStreetMap contributors)", osmFile);
		GraphHopper hopper = configure(osmFile, work);
		try {
			hopper.importAndClose();
		}
		catch (RuntimeException ex) {
			deleteTree(work);
			throw ex;
		}
		try {
			Files.move(work, graphDir, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			deleteTree(work);
			if (!Files.isDirectory(graphDir)) {
				throw ex;
			}
			// another process finished the same import first: use its graph
		}
		log.info("Imported {} in {} ms", osmFile.getFileName(), (System.nanoTime() - started) / 1_000_000);
	}

	private static String cacheKey(Path osmFile) throws IOException {
		String name = osmFile.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
		String identity = String.join("|", name, Long.toString(Files.size(osmFile)),
				Long.toString(Files.getLastModifiedTime(osmFile).toMillis()), Constants.VERSION, GRAPH_LAYOUT,
				ENCODED_VALUES);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
			return name + "-" + HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void deleteTree(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
