package io.herald.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What Herald's Kafka intake says about itself on its Prometheus endpoint (open, as a scraper reads it): the batch
 * listener's timer (Spring for Apache Kafka's {@code spring.kafka.listener}, by result: a failed batch is one that
 * threw, e.g. back-pressure, and is polled again after a pause) and {@code herald.kafka.intake.records}. Read at phase
 * boundaries only.
 */
final class IntakeMetrics {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String[] KEPT = { "spring_kafka_listener_seconds", "herald_kafka_intake_records" };

	/** Kernel names (15 characters) of the intake's consumer threads, heraldKafkaIntake-N-C-1. */
	private static final String CONSUMER_THREADS = "heraldKafkaInt";

	private final Map<String, Double> values;

	/** The consumer threads' time on a core and waiting for one (/proc schedstat), nanoseconds. */
	private final long[] consumer;

	private IntakeMetrics(Map<String, Double> values, long[] consumer) {
		this.values = values;
		this.consumer = consumer;
	}

	/** The values now; empty if the endpoint cannot be read (the phase prints no intake line then). */
	static IntakeMetrics read(HeraldProcess herald) {
		long[] consumer = ProcCpu.threadsSchedstat(herald.pid(), CONSUMER_THREADS);
		Map<String, Double> values = new HashMap<>();
		HttpRequest request = HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + herald.port() + "/actuator/prometheus"))
			// the scrape endpoint wants a credential: the operator key serves
			.header("Authorization", "Bearer " + herald.adminKey())
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			for (String line : HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
				for (String kept : KEPT) {
					if (line.startsWith(kept)) {
						int space = line.lastIndexOf(' ');
						values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
					}
				}
			}
		}
		catch (IOException | RuntimeException e) {
			return new IntakeMetrics(Map.of(), consumer);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new IntakeMetrics(Map.of(), consumer);
		}
		return new IntakeMetrics(values, consumer);
	}

	/** The sum of the series whose name and labels contain every one of {@code parts}, since {@code start}. */
	double since(IntakeMetrics start, String... parts) {
		return sum(parts) - start.sum(parts);
	}

	private double sum(String... parts) {
		double sum = 0;
		for (Map.Entry<String, Double> series : values.entrySet()) {
			boolean matches = true;
			for (String part : parts) {
				matches &= series.getKey().contains(part);
			}
			sum += matches ? series.getValue() : 0;
		}
		return sum;
	}

	/**
	 * "intake: 40 batches (2 failed and polled again after a pause), 500 records per batch, 80 ms in the listener per
	 * batch, the listener busy 65% of the phase; its consumer thread on a core 30% of the phase, waiting for a core
	 * 20%", or null when Herald published no listener timer. The listener's busy time neither on a core nor waiting for
	 * one is spent waiting for PostgreSQL's answers (or the broker's).
	 */
	String describe(IntakeMetrics start, double seconds) {
		double batches = since(start, "spring_kafka_listener_seconds_count");
		if (values.isEmpty() || batches == 0) {
			return null;
		}
		double failed = since(start, "spring_kafka_listener_seconds_count", "result=\"failure\"");
		double listening = since(start, "spring_kafka_listener_seconds_sum");
		double records = since(start, "herald_kafka_intake_records");
		return String.format(Locale.ROOT,
				"intake: %.0f batches (%.0f failed and polled again after a pause), %.0f records per successful batch, %.0f ms in the listener per batch, the listener busy %.0f%% of the phase; its consumer thread(s) on a core %.0f%% of the phase, waiting for a core %.0f%%",
				batches, failed, records / Math.max(1, batches - failed), 1000 * listening / batches,
				100 * listening / seconds, 100 * (consumer[0] - start.consumer[0]) / (seconds * 1e9),
				100 * (consumer[1] - start.consumer[1]) / (seconds * 1e9));
	}

}
