package io.herald.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The loop benchmark: how fast Herald turns stocking reports into customer webhooks, what each report costs it, and
 * whether it loses or repeats any on the way.
 *
 * <p>Herald runs in a JVM of its own with its embedded PostgreSQL ({@link HeraldProcess}); this JVM holds only the load
 * generator and the webhook receiver, which verifies every signature ({@link WebhookSink}). The phases, each on fresh
 * orders ({@link LoadPhases}):
 * <ol>
 * <li>warm-up, not measured, so that the JIT has compiled the hot paths;</li>
 * <li>saturation with single-report requests (one report per request, as a tap in the station app sends it),
 * {@code --connections} clients in a closed loop: the capacity is the rate at which reports were both accepted and
 * notified;</li>
 * <li>the latency-throughput curve: single reports on a fixed schedule at 25, 50, 75 and 100% of that capacity,
 * report accepted (HTTP response) to webhook received; 50% gives p50_ms and p99_ms;</li>
 * <li>saturation with batches, the second line;</li>
 * <li>lost and duplicated webhooks over the whole run; the PostgreSQL commit ceiling on the same server.</li>
 * </ol>
 * Every measured phase prints Herald's own CPU (its JVM and PostgreSQL, from /proc) per accepted report, the cores each
 * side used and the JIT and GC time of the Herald JVM.
 */
public final class LoopBench implements BenchMain.Benchmark {

	private final PrintStream out;

	private final LoadOptions settings;

	private LoopBench(PrintStream out, BenchOptions options) {
		this.out = out;
		this.settings = LoadOptions.read(options, "loop", "", "webhooks");
	}

	public static void main(String[] args) {
		BenchMain.run("loop", args, LoopBench::new);
	}

	/** Runs all phases and returns the summary line. */
	@Override
	public String run() throws Exception {
		out.printf(Locale.ROOT, "loop benchmark: %d cores; %s%n", Runtime.getRuntime().availableProcessors(),
				settings.describe());
		try (WebhookSink sink = WebhookSink.start(32, 0);
				HeraldProcess herald = LoadPhases.startHerald(out, Map.of())) {
			StockingLoad load = new StockingLoad(out, herald, sink);
			LoadPhases phases = new LoadPhases(out, load, new WebhookReceipts(out, load, sink, settings.stallSeconds()),
					settings.connections(), settings.batch(), settings.batchConnections());

			phases.warmUp(settings.warmupSeconds(), settings.warmupMaxSeconds());
			LoadPhases.Saturation single = phases.single("S", settings.reports());
			List<LoadPhases.Step> curve = phases.curve(single.reportsPerSecond(), settings.stepSeconds());
			LoadPhases.Saturation batched = phases.batched("B", settings.batchReports());

			long lost = load.accepted().stream().filter(id -> sink.orderArrival(id) == null).count();
			long duplicated = sink.repeatedOrders();
			out.printf(Locale.ROOT,
					"delivery: %d reports accepted, %d webhooks received: %d lost, %d duplicated (%d repeated webhook-ids), %d about orders never reported, %d bad signatures, %d unreadable%n",
					load.accepted().size(), sink.received(), lost, duplicated, sink.repeatedKeys(),
					sink.distinctOrders() - (load.accepted().size() - lost), sink.badSignatures(), sink.unreadable());
			HeraldDatabase.DeliveryRows rows = herald.database().deliveryRows();
			out.printf(Locale.ROOT, "  herald's delivery rows: %s, %d needed more than one attempt%n", rows.byStatus(),
					rows.retried());

			double pgCommits = PgCommitProbe.measure(out, herald.database(), settings.pgConnections(), settings.pgSeconds());
			LoadPhases.writeChart(out, settings.chart(), "loop", "report accepted -> webhook received", single, curve);
			LoadPhases.Step half = LoadPhases.at(curve, 50);
			out.printf(Locale.ROOT, "loop (batches of %d): reports_per_s=%d ratio=%.2f herald_cpu_us_per_report=%d%n",
					settings.batch(), Math.round(batched.reportsPerSecond()), batched.reportsPerSecond() / pgCommits,
					Math.round(batched.heraldMicrosPerReport()));
			return String.format(Locale.ROOT,
					"loop: reports_per_s=%d pg_commits_per_s=%d ratio=%.2f p50_ms=%d p99_ms=%d lost=%d duplicated=%d herald_cpu_us_per_report=%d",
					Math.round(single.reportsPerSecond()), Math.round(pgCommits),
					single.reportsPerSecond() / pgCommits, half.receipt().p50Millis(), half.receipt().p99Millis(),
					lost, duplicated, Math.round(single.heraldMicrosPerReport()));
		}
	}

}
