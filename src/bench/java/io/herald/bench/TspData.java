package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/** Shared by the TSPLIB benchmarks: the optima file and a quiet jsprit. */
final class TspData {

	private TspData() {
	}

	/** optima.csv beside the instances: {@code name,length} lines, {@code #} comments; empty when there is none. */
	static Map<String, Long> optima(Path directory) throws IOException {
		Map<String, Long> optima = new LinkedHashMap<>();
		Path file = directory.resolve("optima.csv");
		if (!Files.exists(file)) {
			return optima;
		}
		for (String line : Files.readAllLines(file)) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			String[] fields = trimmed.split(",");
			optima.put(fields[0].strip(), Long.parseLong(fields[1].strip()));
		}
		return optima;
	}

	/** jsprit logs every iteration at INFO; on a timed run that is both noise and lost search time. */
	static void quietLibraries() {
		if (LoggerFactory.getLogger("com.graphhopper") instanceof ch.qos.logback.classic.Logger logger) {
			logger.setLevel(Level.WARN);
		}
	}

}
