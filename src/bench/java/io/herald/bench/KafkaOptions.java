package io.herald.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options of the kafka benchmark.
 *
 * @param reports reports of the Kafka saturation phase
 * @param stepSeconds length of the paced Kafka phase at half the saturation rate
 * @param httpReports reports of the HTTP single-report saturation, for comparison
 * @param connections concurrent clients of the HTTP phases
 * @param stations stations, one record key each, that the Kafka reports come from
 * @param partitions partitions of the stocking topic
 * @param heraldProperties further properties of Herald's JVM, e.g. herald.kafka.intake.max-batch, to try a setting
 */
record KafkaOptions(int reports, int stepSeconds, int httpReports, int connections, int stations, int partitions,
		int warmupSeconds, int warmupMaxSeconds, int pgSeconds, int pgConnections, int stallSeconds,
		Map<String, Object> heraldProperties) {

	static KafkaOptions read(BenchOptions options) {
		KafkaOptions read = new KafkaOptions(
				options.integer("reports", 20_000,
						"reports in the Kafka saturation phase, published as fast as the producer can"),
				options.integer("step-s", 15, "duration of the paced Kafka phase at 50% of the saturation rate (p50/p99)"),
				options.integer("http-reports", 10_000, "reports in the HTTP single-report saturation (loop's phase)"),
				options.integer("connections", 16, "concurrent clients of the HTTP phases"),
				options.integer("stations", 12, "stations reporting over Kafka, one record key each"),
				options.integer("partitions", 6, "partitions of the stocking topic (herald.kafka.partitions)"),
				options.integer("warmup-s", 60,
						"unmeasured warm-up: rounds of 1000 reports over HTTP (800 single, 200 batched) and 1000 over Kafka for at least this long, then until the JIT has settled; 0: none"),
				options.integer("warmup-max-s", 300, "the warm-up ends after this long even if the JIT has not settled"),
				options.integer("pg-seconds", 5, "duration of the PostgreSQL commit probe"),
				options.integer("pg-connections", 8, "connections of the PostgreSQL commit probe"),
				options.integer("stall-s", 60,
						"stop waiting for webhooks after this long without a new one (the rest count as lost)"),
				properties(options.text("herald", "NAME=VALUE,...",
						"further properties of Herald, e.g. herald.kafka.intake.max-batch=1000,herald.kafka.intake.concurrency=2")));
		options.note(LoadPhases.ENVIRONMENT);
		BenchMain.require(read.reports >= 1 && read.stepSeconds >= 1 && read.httpReports >= 1 && read.connections >= 1
				&& read.stations >= 1 && read.partitions >= 1 && read.warmupSeconds >= 0 && read.pgSeconds >= 1
				&& read.pgConnections >= 1 && read.stallSeconds >= 1,
				"every option must be at least 1 (--warmup-s at least 0)");
		return read;
	}

	private static Map<String, Object> properties(String text) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (text != null) {
			for (String pair : text.split(",")) {
				BenchMain.require(pair.indexOf('=') > 0,
						"--herald takes NAME=VALUE pairs separated by commas, got '" + pair + "'");
				properties.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
			}
		}
		return properties;
	}

	String describe() {
		return String.format(Locale.ROOT,
				"Kafka: %d reports, paced phase %d s, %d stations over %d partitions; HTTP single reports: %d, %d connections; warm-up %d s%s",
				reports, stepSeconds, stations, partitions, httpReports, connections, warmupSeconds,
				heraldProperties.isEmpty() ? "" : "; herald " + heraldProperties);
	}

}
