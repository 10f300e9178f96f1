package io.herald.bench;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.herald.support.KafkaBroker;

/**
 * The kafka benchmark: how fast Herald turns stocking reports published to its Kafka intake topic into customer
 * webhooks, how long one takes at half that rate, what each costs Herald, whether any is lost or repeated, and the
 * same run's HTTP single-report rate and PostgreSQL commit ceiling beside it.
 *
 * <p>Herald runs in a JVM of its own with its embedded PostgreSQL ({@link HeraldProcess}), in Kafka mode on a
 * single-node broker ({@link KafkaBroker}) that runs in this JVM, with the load generator and the webhook receiver.
 * The broker is infrastructure, like PostgreSQL, not Herald: its CPU is printed apart. The phases, each on fresh
 * orders placed through the HTTP batch API beforehand ({@link KafkaLoad}, {@link KafkaPhases}):
 * <ol>
 * <li>warm-up, not measured: loop's rounds of single reports and batches over HTTP, each round also 1000 reports
 * over Kafka, until the JIT has settled ({@link LoadPhases#warmUp});</li>
 * <li>Kafka saturation: every report handed to the producer as fast as it takes them; the rate is reports whose
 * webhook arrived over the time from the first report produced to the last webhook received;</li>
 * <li>Kafka paced at 50% of that rate: record produced to webhook received, p50 and p99;</li>
 * <li>HTTP single-report saturation, as loop measures it ({@link LoadPhases#single});</li>
 * <li>lost and duplicated webhooks over the Kafka phases, by order; the PostgreSQL commit ceiling.</li>
 * </ol>
 */
public final class KafkaBench implements BenchMain.Benchmark {

	/** Kafka intake must reach this share of {@code pg_commits_per_s}: its batches commit together. */
	static final double TARGET_RATIO = 0.5;

	private final PrintStream out;

	private final KafkaOptions settings;

	private KafkaBench(PrintStream out, BenchOptions options) {
		this.out = out;
		this.settings = KafkaOptions.read(options);
	}

	public static void main(String[] args) {
		BenchMain.run("kafka", args, KafkaBench::new);
	}

	@Override
	public String run() throws Exception {
		out.printf(Locale.ROOT, "kafka benchmark: %d cores; %s%n", Runtime.getRuntime().availableProcessors(),
				settings.describe());
		try (WebhookSink sink = WebhookSink.start(32, 0)) {
			Set<Long> before = KafkaPhases.BrokerCpu.threadsNow();
			long start = System.nanoTime();
			try (KafkaBroker broker = KafkaBroker.start()) {
				KafkaPhases.BrokerCpu brokerCpu = KafkaPhases.BrokerCpu.startedSince(before);
				broker.createTopic("herald.stocking", settings.partitions());
				out.printf(Locale.ROOT,
						"  kafka broker: a single node (KRaft) in this JVM on %s, started in %.1f s (%d threads), topic herald.stocking with %d partitions; infrastructure like PostgreSQL, not Herald: its CPU is printed apart and is not in Herald's per report%n",
						broker.bootstrapServers(), BenchMain.seconds(System.nanoTime() - start), brokerCpu.threads(),
						settings.partitions());
				return run(sink, broker, brokerCpu);
			}
		}
	}

	private String run(WebhookSink sink, KafkaBroker broker, KafkaPhases.BrokerCpu brokerCpu) throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("herald.kafka.bootstrap-servers", broker.bootstrapServers());
		properties.put("herald.kafka.intake.group-id", KafkaLoad.GROUP);
		properties.put("herald.kafka.partitions", settings.partitions());
		properties.putAll(settings.heraldProperties());
		try (HeraldProcess herald = LoadPhases.startHerald(out, properties)) {
			StockingLoad load = new StockingLoad(out, herald, sink);
			try (KafkaLoad kafka = new KafkaLoad(load, broker.bootstrapServers(), settings.stations(),
					settings.partitions())) {
				out.println("  kafka load: " + kafka.describeStations());
				WebhookReceipts overHttp = new WebhookReceipts(out, load, sink, settings.stallSeconds());
				WebhookReceipts overKafka = new WebhookReceipts(out, load, sink, settings.stallSeconds(), "produced");
				LoadPhases http = new LoadPhases(out, load, overHttp, settings.connections(), 200, 4);
				KafkaPhases phases = new KafkaPhases(out, herald, kafka, overKafka, brokerCpu);

				http.warmUp(settings.warmupSeconds(), settings.warmupMaxSeconds(), phases.warmUp());
				KafkaPhases.Saturation saturation = phases.saturate(settings.reports());
				KafkaPhases.Paced half = phases.paced(saturation.reportsPerSecond() / 2, settings.stepSeconds());
				LoadPhases.Saturation single = http.single("S", settings.httpReports());

				long[] lostAndDuplicated = delivery(load, sink, phases.orders());
				out.printf(Locale.ROOT, "  herald's dead letters (refused Kafka records) by reason: %s%n",
						herald.database().deadLetters());
				double pgCommits = PgCommitProbe.measure(out, herald.database(), settings.pgConnections(),
						settings.pgSeconds());
				double ratio = saturation.reportsPerSecond() / pgCommits;
				out.printf(Locale.ROOT,
						"kafka against HTTP: %.0f reports/s over Kafka, %.0f over HTTP single reports (%.1fx); Herald's CPU per report %.0f us against %.0f us%n",
						saturation.reportsPerSecond(), single.reportsPerSecond(),
						saturation.reportsPerSecond() / single.reportsPerSecond(), saturation.heraldMicrosPerReport(),
						single.heraldMicrosPerReport());
				out.printf(Locale.ROOT, "target: Kafka intake at least %.1f x pg_commits_per_s (%.0f reports/s): %s (%.2f)%n",
						TARGET_RATIO, TARGET_RATIO * pgCommits, ratio >= TARGET_RATIO ? "met" : "NOT met", ratio);
				return String.format(Locale.ROOT,
						"kafka: reports_per_s=%d http_reports_per_s=%d pg_commits_per_s=%d ratio=%.2f p50_ms=%d p99_ms=%d lost=%d duplicated=%d herald_cpu_us_per_report=%d",
						Math.round(saturation.reportsPerSecond()), Math.round(single.reportsPerSecond()),
						Math.round(pgCommits), ratio, half.latency().p50Millis(), half.latency().p99Millis(),
						lostAndDuplicated[0], lostAndDuplicated[1], Math.round(saturation.heraldMicrosPerReport()));
			}
		}
	}

	/**
	 * Prints what became of every report, over Kafka and over HTTP, and returns lost and duplicated over Kafka: reports
	 * the broker acknowledged with no webhook about their order, and webhooks about an order beyond its first.
	 */
	private long[] delivery(StockingLoad load, WebhookSink sink, List<UUID> overKafka) throws Exception {
		long produced = 0, lost = 0, duplicated = 0;
		for (UUID id : overKafka) {
			LoopbackSink.Arrival arrival = sink.orderArrival(id);
			produced += load.acceptedAt(id) == null ? 0 : 1;
			lost += load.acceptedAt(id) != null && arrival == null ? 1 : 0;
			duplicated += arrival == null ? 0 : arrival.count.get() - 1;
		}
		long lostOverall = load.accepted().stream().filter(id -> sink.orderArrival(id) == null).count();
		out.printf(Locale.ROOT,
				"delivery over Kafka: %d reports produced, %d acknowledged by the broker: %d lost, %d duplicated%n",
				overKafka.size(), produced, lost, duplicated);
		out.printf(Locale.ROOT,
				"delivery over the whole run (HTTP too): %d reports accepted, %d webhooks received: %d lost, %d duplicated (%d repeated webhook-ids), %d bad signatures, %d unreadable%n",
				load.accepted().size(), sink.received(), lostOverall, sink.repeatedOrders(), sink.repeatedKeys(),
				sink.badSignatures(), sink.unreadable());
		return new long[] { lost, duplicated };
	}

}
