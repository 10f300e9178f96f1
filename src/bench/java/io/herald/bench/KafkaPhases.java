package io.herald.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.herald.bench.BenchMain.seconds;

/**
 * The Kafka phases of the kafka benchmark, each on fresh orders: a share of each warm-up round, saturation (the
 * producer as fast as it goes) and a paced phase at a given rate for the latency. Each measured phase prints what
 * Herald spent on it (its JVM and PostgreSQL, as in loop) and, apart, what the broker's threads in this JVM did.
 */
final class KafkaPhases {

	/** Reports over Kafka in each warm-up round. */
	static final int WARM_UP_REPORTS = 1000;

	private final PrintStream out;

	private final KafkaLoad kafka;

	private final Receipts receipts;

	private final HeraldProcess herald;

	private final PhaseMeter meter;

	private final BrokerCpu broker;

	/** Every order reported over Kafka in the run, warm-up included. */
	private final List<UUID> orders = new ArrayList<>();

	/** @param receipts of reports stamped when they were handed to the producer */
	KafkaPhases(PrintStream out, HeraldProcess herald, KafkaLoad kafka, Receipts receipts, BrokerCpu broker)
			throws Exception {
		this.out = out;
		this.kafka = kafka;
		this.receipts = receipts;
		this.herald = herald;
		this.meter = new PhaseMeter(herald);
		this.broker = broker;
	}

	/** Every order reported over Kafka so far. */
	List<UUID> orders() {
		return Collections.unmodifiableList(orders);
	}

	/** The Kafka share of each warm-up round: {@link #WARM_UP_REPORTS} reports as fast as the producer goes. */
	LoadPhases.WarmUpRound warmUp() {
		return new LoadPhases.WarmUpRound() {

			@Override
			public Receipts.Arrivals run(int round) throws Exception {
				List<UUID> placed = place("KW" + round, WARM_UP_REPORTS);
				kafka.flood(placed);
				return receipts.await("  warm-up round " + (round + 1) + " over Kafka", placed);
			}

			@Override
			public String label() {
				return WARM_UP_REPORTS + " reports over Kafka per round";
			}

		};
	}

	/**
	 * Saturation.
	 * @param usage Herald's side, from the first report produced until the last webhook arrived
	 * @param brokerNanos CPU of the broker's threads meanwhile
	 */
	record Saturation(KafkaLoad.Produced produced, Receipts.Arrivals arrivals, PhaseMeter.Usage usage,
			long brokerNanos) {

		/** Reports whose webhook arrived, over the time from the first report produced to the last webhook. */
		double reportsPerSecond() {
			return arrivals.messagesPerSecond();
		}

		double heraldMicrosPerReport() {
			return usage.heraldMicrosPerReport(produced.acknowledged());
		}

	}

	/** {@code reports} fresh orders' reports, as fast as the producer takes them. */
	Saturation saturate(int reports) throws Exception {
		List<UUID> placed = place("K", reports);
		awaitIdle();
		CompletableFuture<Long> applied = watchCommitted(kafka.committed() + placed.size());
		IntakeMetrics intake = IntakeMetrics.read(herald);
		PhaseMeter.Snapshot start = meter.snapshot();
		long brokerStart = broker.nanos();
		KafkaLoad.Produced produced = kafka.flood(placed);
		out.printf(Locale.ROOT, "kafka saturation: %s%n", produced);
		Receipts.Arrivals arrivals = receipts.await("  kafka saturation", placed);
		PhaseMeter.Usage usage = meter.since(start);
		Saturation saturation = new Saturation(produced, arrivals, usage, broker.nanos() - brokerStart);
		long appliedAt = applied.get();
		out.printf(Locale.ROOT,
				"kafka saturation: %.0f reports/s produced and notified end to end (producing alone %.0f/s, applying alone %s)%n",
				saturation.reportsPerSecond(), produced.rate(), appliedAt < 0 ? "?"
						: String.format(Locale.ROOT, "%.0f/s: every offset committed %.1f s after the first report",
								placed.size() / seconds(appliedAt - produced.startNanos()),
								seconds(appliedAt - produced.startNanos())));
		describe(usage, produced.acknowledged(), saturation.brokerNanos(), intake);
		return saturation;
	}

	/** Watches Herald's committed offsets until they reach {@code target}: when every report had been applied. */
	private CompletableFuture<Long> watchCommitted(long target) {
		CompletableFuture<Long> seen = new CompletableFuture<>();
		Thread watcher = new Thread(() -> {
			try {
				seen.complete(kafka.awaitCommitted(target, 60));
			}
			catch (Exception e) {
				seen.complete(-1L);
			}
		}, "committed-offsets-watch");
		watcher.setDaemon(true);
		watcher.start();
		return seen;
	}

	/**
	 * The paced phase.
	 * @param latency record produced (handed to the producer) to webhook received
	 * @param inside Herald's own stocking event to webhook sent (its delivery table), p50 and p99 in ms
	 */
	record Paced(double offered, KafkaLoad.Produced produced, Receipts.Arrivals arrivals, Latencies latency,
			double[] inside, PhaseMeter.Usage usage) {
	}

	/** Reports at {@code rate} per second for {@code seconds}, each sent when due whatever became of the others. */
	Paced paced(double rate, int seconds) throws Exception {
		List<UUID> placed = place("KP", (int) Math.max(1, Math.round(rate * seconds)));
		awaitIdle();
		IntakeMetrics intake = IntakeMetrics.read(herald);
		PhaseMeter.Snapshot start = meter.snapshot();
		long brokerStart = broker.nanos();
		KafkaLoad.Produced produced = kafka.paced(placed, rate);
		out.printf(Locale.ROOT, "kafka paced at %.0f/s: %s%n", rate, produced);
		Receipts.Arrivals arrivals = receipts.await("  kafka paced", placed);
		PhaseMeter.Usage usage = meter.since(start);
		long brokerNanos = broker.nanos() - brokerStart;
		Latencies latency = new Latencies(receipts.latencies(placed));
		double[] inside = herald.database().eventToSentMillis(placed, receipts.channels());
		out.printf(Locale.ROOT, "  record produced -> webhook received: %s%n", latency);
		out.printf(Locale.ROOT, "  inside herald, stocking event -> sent: p50=%.0f ms p99=%.0f ms%n", inside[0],
				inside[1]);
		describe(usage, produced.acknowledged(), brokerNanos, intake);
		return new Paced(rate, produced, arrivals, latency, inside, usage);
	}

	private List<UUID> place(String series, int count) throws Exception {
		List<UUID> placed = kafka.placeOrders(series, count);
		orders.addAll(placed);
		return placed;
	}

	private void describe(PhaseMeter.Usage usage, long reports, long brokerNanos, IntakeMetrics intakeStart) {
		String intake = IntakeMetrics.read(herald).describe(intakeStart, usage.seconds());
		if (intake != null) {
			out.println("  herald's " + intake);
		}
		out.print(usage.describe(reports));
		out.printf(Locale.ROOT,
				"  kafka broker (infrastructure like PostgreSQL, not Herald; its threads in the bench JVM): %.0f us per report, %.2f cores%n",
				brokerNanos / 1e3 / Math.max(1, reports), brokerNanos / (usage.seconds() * 1e9));
	}

	private void awaitIdle() throws InterruptedException {
		if (!meter.awaitIdle(15)) {
			out.println("  herald's JVM was still busy 15 s after the set-up; measuring anyway");
		}
	}

	/**
	 * CPU of the threads the in-process broker started with (ThreadMXBean): the broker runs in the benchmark's JVM,
	 * so /proc cannot tell it from the load generator. Threads it starts later are not counted.
	 */
	static final class BrokerCpu {

		private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

		private final long[] threadIds;

		private BrokerCpu(long[] threadIds) {
			this.threadIds = threadIds;
		}

		/** The threads of this JVM now, before the broker starts. */
		static Set<Long> threadsNow() {
			Set<Long> ids = new HashSet<>();
			for (long id : THREADS.getAllThreadIds()) {
				ids.add(id);
			}
			return ids;
		}

		/** The threads that appeared since {@code before}, while the broker was started. */
		static BrokerCpu startedSince(Set<Long> before) {
			Set<Long> started = threadsNow();
			started.removeAll(before);
			return new BrokerCpu(started.stream().mapToLong(Long::longValue).toArray());
		}

		int threads() {
			return threadIds.length;
		}

		/** CPU of those threads still alive, in nanoseconds. */
		long nanos() {
			long nanos = 0;
			for (long id : threadIds) {
				nanos += Math.max(0, THREADS.getThreadCpuTime(id));
			}
			return nanos;
		}

	}

}
