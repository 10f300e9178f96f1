package io.herald.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The phases loop and notify share, each on fresh orders: an unmeasured warm-up, saturation with single-report
 * requests (the main figure: one tap in the station app is one request) and with batches (the second line), and the
 * latency-throughput curve at fixed shares of the single-report capacity. Every measured phase prints what Herald
 * alone spent on it: CPU of its JVM and of PostgreSQL per accepted report, the cores each side used, JIT and GC.
 */
final class LoadPhases {

	/** The end of --help of the benchmarks that start Herald. */
	static final String ENVIRONMENT = """
			environment:
			  HERALD_JAVA_OPTS  extra options of Herald's JVM, e.g. a profile of Herald alone:
			                    -XX:StartFlightRecording=filename=/tmp/herald.jfr,settings=profile
			  BENCH_JAVA_OPTS   extra options of the benchmark's JVM (load generator, receivers)""";

	/** Loads of the curve, in percent of the measured single-report capacity. */
	static final int[] CURVE_PERCENTS = { 25, 50, 75, 100 };

	private final PrintStream out;

	private final StockingLoad load;

	private final Receipts receipts;

	private final PhaseMeter meter;

	private final int connections;

	private final int batch;

	private final int batchConnections;

	/**
	 * @param connections concurrent clients of the single-report saturation
	 * @param batch reports per request of the batched saturation
	 * @param batchConnections concurrent clients of the batched saturation
	 */
	LoadPhases(PrintStream out, StockingLoad load, Receipts receipts, int connections, int batch, int batchConnections)
			throws Exception {
		this.out = out;
		this.load = load;
		this.receipts = receipts;
		this.meter = new PhaseMeter(load.herald());
		this.connections = connections;
		this.batch = batch;
		this.batchConnections = batchConnections;
	}

	/** Starts Herald in its own JVM and says where it runs. */
	static HeraldProcess startHerald(PrintStream out, Map<String, Object> properties) throws Exception {
		long start = System.nanoTime();
		HeraldProcess herald = HeraldProcess.start(properties);
		String opts = System.getenv("HERALD_JAVA_OPTS");
		out.printf(Locale.ROOT,
				"  herald started in its own JVM (pid %d%s) in %.1f s on port %d, embedded PostgreSQL (pid %s) in %s%n",
				herald.pid(), opts == null || opts.isBlank() ? "" : ", HERALD_JAVA_OPTS=" + opts.trim(),
				BenchMain.seconds(System.nanoTime() - start), herald.port(),
				herald.database().postmaster().map(p -> Long.toString(p.pid())).orElse("?"),
				herald.database().dataDirectory());
		return herald;
	}

	/** Writes the curve as an SVG image if a file was given. */
	static void writeChart(PrintStream out, String file, String benchmark, String received, Saturation single,
			List<Step> curve) throws IOException {
		if (file == null) {
			return;
		}
		CurveChart.write(Path.of(file),
				"Herald " + benchmark + ": latency against load, single-report requests",
				String.format(Locale.ROOT, "%s, %d cores; 100%% = %.0f reports/s accepted and notified (%s)",
						LocalDate.now(), Runtime.getRuntime().availableProcessors(), single.reportsPerSecond(),
						single.label()),
				received, curve);
		out.println("  curve written to " + file);
	}

	// -- warm-up --------------------------------------------------------------------------------------------------

	/**
	 * Rounds of the same requests as the measured phases (single reports and batches) for at least {@code seconds},
	 * then on until the JIT has settled, so that the phases measure the steady state: on a 2-core machine the
	 * compiler threads of this large application were still taking a third of a core after 60 s of load, and moved
	 * the single-report figure by a factor of two from run to run. Settled: a round in which the compiler threads
	 * used less than {@link #SETTLED_JIT_SHARE} of one core. At most {@code maxSeconds} in all, at least one round.
	 */
	void warmUp(int seconds, int maxSeconds) throws Exception {
		warmUp(seconds, maxSeconds, null);
	}

	/**
	 * Another intake's share of each warm-up round (kafka's records), so that its paths are compiled and settled too.
	 */
	interface WarmUpRound {

		/** Runs round {@code round}'s share and returns what arrived of it. */
		Receipts.Arrivals run(int round) throws Exception;

		/** What it sends, for the output, e.g. "Kafka records". */
		String label();

	}

	/** The warm-up, each round also running {@code also} unless it is null. */
	void warmUp(int seconds, int maxSeconds, WarmUpRound also) throws Exception {
		if (seconds <= 0) {
			out.println("warm-up: none (--warmup-s=0): the first phase pays for the JIT");
			return;
		}
		PhaseMeter.Snapshot start = meter.snapshot();
		long begin = System.nanoTime();
		long minimum = begin + seconds * 1_000_000_000L, deadline = begin + Math.max(seconds, maxSeconds) * 1_000_000_000L;
		int rounds = 0;
		long reports = 0, missing = 0;
		double jitShare;
		do {
			PhaseMeter.Snapshot roundStart = meter.snapshot();
			List<UUID> orders = load.placeOrders("W" + rounds, 1000);
			List<UUID> singles = orders.subList(0, 800), batched = orders.subList(800, orders.size());
			reports += ClosedLoop.run(load, load.api(), load.singleReports(load.api(), singles), connections).accepted();
			reports += ClosedLoop.run(load, load.api(), load.batches(load.api(), batched, Math.min(batch, 200)),
					batchConnections).accepted();
			missing += receipts.await("  warm-up round " + (rounds + 1), orders).missing();
			if (also != null) {
				Receipts.Arrivals extra = also.run(rounds);
				reports += extra.reports();
				missing += extra.missing();
			}
			PhaseMeter.Usage round = meter.since(roundStart);
			jitShare = round.compilerNanos() / (round.seconds() * 1e9);
			rounds++;
		}
		while (System.nanoTime() < minimum || (jitShare >= SETTLED_JIT_SHARE && System.nanoTime() < deadline));
		PhaseMeter.Usage usage = meter.since(start);
		out.printf(Locale.ROOT,
				"warm-up (not measured): %d reports in %d rounds over %.1f s, single reports and batches%s, %d %s missing; JIT in the last round: %.0f%% of a core%s%n  herald JVM meanwhile: %s%n",
				reports, rounds, usage.seconds(), also == null ? "" : " and " + also.label(), missing, receipts.noun(),
				100 * jitShare,
				jitShare >= SETTLED_JIT_SHARE ? " (not settled within --warmup-max-s)" : " (settled)", usage.jitAndGc());
	}

	/** The JIT counts as settled when its compiler threads use less than this share of one core over a round. */
	static final double SETTLED_JIT_SHARE = 0.05;

	/** Before a measured phase: the set-up's leftover work (mostly JIT) must not be counted in it. */
	private void awaitIdle() throws InterruptedException {
		if (!meter.awaitIdle(15)) {
			out.println("  herald's JVM was still busy 15 s after the set-up; measuring anyway");
		}
	}

	// -- saturation -----------------------------------------------------------------------------------------------

	/**
	 * A saturation phase.
	 * @param label "single reports" or "batches of N"
	 * @param intake the load generator's side
	 * @param arrivals the receivers' side
	 * @param usage from the first request until the last message arrived
	 */
	record Saturation(String label, ClosedLoop.Result intake, Receipts.Arrivals arrivals, PhaseMeter.Usage usage) {

		/**
		 * Reports both accepted and notified per second: accepting can outrun notifying (the outbox only grows) and
		 * the reverse cannot happen, so the capacity is the slower of the two.
		 */
		double reportsPerSecond() {
			return Math.min(intake.rate(), arrivals.reportsPerSecond());
		}

		/** Herald's CPU (JVM and PostgreSQL) per accepted report, microseconds. */
		double heraldMicrosPerReport() {
			return usage.heraldMicrosPerReport(intake.accepted());
		}

	}

	/** Saturation with one report per request, {@code connections} clients. */
	Saturation single(String series, int reports) throws Exception {
		List<UUID> orders = load.placeOrders(series, reports);
		return saturate("single reports, " + connections + " connections", orders,
				load.singleReports(load.api(), orders), connections);
	}

	/** Saturation with {@code batch} reports per request. */
	Saturation batched(String series, int reports) throws Exception {
		List<UUID> orders = load.placeOrders(series, reports);
		return saturate("batches of " + batch + ", " + batchConnections + " connections", orders,
				load.batches(load.api(), orders, batch), batchConnections);
	}

	private Saturation saturate(String label, List<UUID> orders, List<HeraldClient.StockingPost> posts,
			int clients) throws Exception {
		awaitIdle();
		PhaseMeter.Snapshot start = meter.snapshot();
		ClosedLoop.Result intake = ClosedLoop.run(load, load.api(), posts, clients);
		out.printf(Locale.ROOT, "saturation (%s): %s%n", label, intake);
		if (intake.firstError() != null) {
			out.println("  first refusal: " + intake.firstError());
		}
		Receipts.Arrivals arrivals = receipts.await("  saturation", orders);
		PhaseMeter.Usage usage = meter.since(start);
		Saturation saturation = new Saturation(label, intake, arrivals, usage);
		out.printf(Locale.ROOT,
				"saturation (%s): %.0f reports/s accepted and notified end to end (accepting alone %.0f/s, notifying %.0f/s: %.0f %s/s)%n",
				label, saturation.reportsPerSecond(), intake.rate(), arrivals.reportsPerSecond(),
				arrivals.messagesPerSecond(), receipts.noun());
		out.print(usage.describe(intake.accepted()));
		return saturation;
	}

	// -- latency-throughput curve ---------------------------------------------------------------------------------

	/**
	 * One step of the curve.
	 * @param offered the scheduled rate, reports/s
	 * @param receipt report accepted (HTTP response) to message received, at the receivers
	 * @param inside Herald's own event-to-send time (sent_at - event_occurred_at), p50 and p99 in ms
	 */
	record Step(int percent, double offered, List<UUID> orders, OpenLoop.Result intake, Receipts.Arrivals arrivals,
			Latencies receipt, double[] inside, PhaseMeter.Usage usage) {

		double heraldMicrosPerReport() {
			return usage.heraldMicrosPerReport(intake.accepted());
		}

	}

	/**
	 * Single reports on a fixed schedule (open loop) at each of {@link #CURVE_PERCENTS} of {@code capacity}, each for
	 * {@code stepSeconds}; prints each step as it ends and the table at the end.
	 */
	List<Step> curve(double capacity, int stepSeconds) throws Exception {
		List<Step> steps = new ArrayList<>();
		for (int percent : CURVE_PERCENTS) {
			double rate = capacity * percent / 100;
			List<UUID> orders = load.placeOrders("C" + percent, (int) Math.max(1, Math.round(rate * stepSeconds)));
			awaitIdle();
			PhaseMeter.Snapshot start = meter.snapshot();
			OpenLoop.Result intake = OpenLoop.run(load, orders, rate);
			Receipts.Arrivals arrivals = receipts.await("  " + percent + "%", orders);
			PhaseMeter.Usage usage = meter.since(start);
			Latencies receipt = new Latencies(receipts.latencies(orders));
			double[] inside = load.herald().database().eventToSentMillis(orders, receipts.channels());
			Step step = new Step(percent, rate, orders, intake, arrivals, receipt, inside, usage);
			steps.add(step);
			out.printf(Locale.ROOT, "curve %d%% of capacity: %s%n", percent, intake);
			if (intake.firstError() != null) {
				out.println("  first refusal: " + intake.firstError());
			}
			out.printf(Locale.ROOT, "  report accepted -> %s received: %s%n", receipts.noun(), receipt);
			out.printf(Locale.ROOT, "  request round trip (from when it was due): %s%n", intake.roundTrips());
			out.printf(Locale.ROOT, "  inside herald, stocking event -> sent: p50=%.0f ms p99=%.0f ms%n", inside[0],
					inside[1]);
			out.print(usage.describe(intake.accepted()));
		}
		printTable(steps, stepSeconds);
		return steps;
	}

	private void printTable(List<Step> steps, int stepSeconds) {
		out.printf(Locale.ROOT,
				"latency-throughput curve: single reports, open loop, %d s per step; milliseconds p50 / p99%n", stepSeconds);
		out.printf(Locale.ROOT, "  %5s %9s %10s %19s %15s %17s %22s%n", "load", "offered/s", "accepted/s",
				"accepted->received", "round trip", "herald event->sent", "herald CPU us/report");
		for (Step s : steps) {
			out.printf(Locale.ROOT, "  %4d%% %9.0f %10.0f %19s %15s %17s %22s%n", s.percent(), s.offered(),
					s.intake().accepted() / s.intake().seconds(),
					s.receipt().p50Millis() + " / " + s.receipt().p99Millis(),
					s.intake().roundTrips().p50Millis() + " / " + s.intake().roundTrips().p99Millis(),
					String.format(Locale.ROOT, "%.0f / %.0f", s.inside()[0], s.inside()[1]),
					String.format(Locale.ROOT, "%.0f (%.0f + %.0f)", s.heraldMicrosPerReport(),
							s.usage().heraldNanos() / 1e3 / Math.max(1, s.intake().accepted()),
							s.usage().postgresNanos() / 1e3 / Math.max(1, s.intake().accepted())));
		}
	}

	/** The step at {@code percent} of capacity. */
	static Step at(List<Step> steps, int percent) {
		return steps.stream().filter(s -> s.percent() == percent).findFirst().orElseThrow();
	}

}
