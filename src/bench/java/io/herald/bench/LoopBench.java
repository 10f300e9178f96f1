package io.herald.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.herald.bench.BenchMain.seconds;

/**
 * The loop benchmark: how fast Herald turns stocking reports into customer webhooks, and whether it loses or repeats
 * any on the way.
 *
 * <ol>
 * <li>Saturation: N reports as fast as several clients can post them (batch endpoint); the accepted rate is the
 * loop's intake capacity. Intake of the orders beforehand is timed but is not part of the loop figures.</li>
 * <li>Every accepted report must come out as exactly one webhook: lost and duplicated are counted over the whole run
 * (saturation and half load).</li>
 * <li>Half load: reports at half the saturation rate on a fixed schedule (open loop: the schedule does not slow down
 * when Herald does, as real stations would not), measuring report accepted (HTTP response) to webhook received. At
 * half load a healthy pipeline keeps up, so these are the latencies a customer sees on a busy day.</li>
 * <li>PostgreSQL commit ceiling on the same server: reports_per_s / pg_commits_per_s shows how close Herald is to a
 * design that commits once per report.</li>
 * </ol>
 *
 * Everything runs in one JVM: Herald, its embedded PostgreSQL (a child process), the webhook receiver and the load
 * generator all share the machine, so the figures are for the whole loop on that machine, not for Herald alone.
 */
public final class LoopBench implements BenchMain.Benchmark {

	private final PrintStream out;

	private final int reports;

	private final int clients;

	private final int batch;

	private final int halfSeconds;

	private final int tickMs;

	private final int pgSeconds;

	private final int pgConnections;

	private final int stallSeconds;

	private HeraldProcess herald;

	private WebhookSink sink;

	private StockingLoad load;

	private LoopBench(PrintStream out, BenchOptions options) {
		this.out = out;
		this.reports = options.integer("reports", 20_000, "stocking reports in the saturation phase");
		this.clients = options.integer("clients", 4, "concurrent clients for saturation and order intake");
		this.batch = options.integer("batch", 200, "reports per request in the saturation phase (max 1000)");
		this.halfSeconds = options.integer("half-seconds", 20, "duration of the half-load phase");
		this.tickMs = options.integer("tick-ms", 10, "half load: every tick posts one request with the reports due");
		this.pgSeconds = options.integer("pg-seconds", 5, "duration of the PostgreSQL commit probe");
		this.pgConnections = options.integer("pg-connections", 8, "connections of the PostgreSQL commit probe");
		this.stallSeconds = options.integer("stall-s", 60,
				"stop waiting for webhooks after this long without a new one (the rest count as lost)");
		BenchMain.require(reports >= 1 && clients >= 1 && halfSeconds >= 1 && tickMs >= 1 && pgSeconds >= 1
				&& pgConnections >= 1 && stallSeconds >= 1, "every option must be at least 1");
		BenchMain.require(batch >= 1 && batch <= 1000, "--batch must be between 1 and 1000 (Herald's batch limit)");
	}

	public static void main(String[] args) {
		BenchMain.run("loop", args, LoopBench::new);
	}

	/** Runs all phases and returns the summary line. */
	@Override
	public String run() throws Exception {
		out.printf(Locale.ROOT, "loop benchmark: %d cores, %d reports, %d clients, batches of %d%n",
				Runtime.getRuntime().availableProcessors(), reports, clients, batch);
		sink = WebhookSink.start(32, 0);
		long t = System.nanoTime();
		herald = HeraldProcess.start(Map.of());
		try {
			out.printf(Locale.ROOT, "  herald started in its own JVM (pid %d) in %.1f s on port %d (embedded PostgreSQL in %s)%n",
					herald.pid(), seconds(System.nanoTime() - t), herald.port(), herald.database().dataDirectory());
			load = new StockingLoad(out, herald, sink, clients);

			List<UUID> saturationOrders = load.placeOrders("S", reports);
			double acceptedPerSecond = saturation(saturationOrders);
			double notifiedPerSecond = awaitWebhooks("saturation", saturationOrders);
			// Accepting is cheaper than notifying: reports accepted faster than they are notified only queue up. The
			// saturation figure is the rate at which reports are both accepted and notified, the slower of the two.
			double reportsPerSecond = Math.min(acceptedPerSecond, notifiedPerSecond);
			out.printf(Locale.ROOT,
					"saturation: %.0f reports/s accepted and notified end to end (accepting alone: %.0f/s, notifying: %.0f/s)%n",
					reportsPerSecond, acceptedPerSecond, notifiedPerSecond);

			Latencies half = halfLoad(reportsPerSecond / 2);

			Totals totals = totals();
			HeraldDatabase.DeliveryRows rows = herald.database().deliveryRows();
			out.printf(Locale.ROOT, "  herald's delivery rows: %s, %d needed more than one attempt%n", rows.byStatus(),
					rows.retried());

			double pgCommitsPerSecond = PgCommitProbe.commitsPerSecond(herald.database().unpooled(), pgConnections,
					pgSeconds);
			double ratio = reportsPerSecond / pgCommitsPerSecond;
			out.printf(Locale.ROOT,
					"postgres (%s): %d connections committing single-row inserts: %.0f commits/s; loop/commit ratio %.2f%n",
					PgCommitProbe.durabilitySettings(herald.database().dataSource()), pgConnections, pgCommitsPerSecond, ratio);
			return String.format(Locale.ROOT,
					"loop: reports_per_s=%d pg_commits_per_s=%d ratio=%.2f p50_ms=%d p99_ms=%d lost=%d duplicated=%d",
					Math.round(reportsPerSecond), Math.round(pgCommitsPerSecond), ratio, half.p50Millis(),
					half.p99Millis(), totals.lost, totals.duplicated);
		}
		finally {
			// closed before the summary is printed, so that nothing follows it
			herald.close();
			sink.close();
		}
	}

	// -- 1. saturation --------------------------------------------------------------------------------------------

	/** Posts all reports as fast as {@code clients} closed-loop clients can; returns accepted reports per second. */
	private double saturation(List<UUID> orders) throws Exception {
		StockingLoad.ClosedLoop run = load.closedLoop(load.api(), orders, batch);
		run.print(out);
		return run.rate();
	}

	// -- 2. every accepted report must become one webhook ---------------------------------------------------------

	/** Waits until every accepted report of the phase has its webhook, or until arrivals stall. */
	private double awaitWebhooks(String phase, List<UUID> orders) throws Exception {
		List<UUID> expected = orders.stream().filter(id -> load.acceptedAt(id) != null).toList();
		int missing = StockingLoad.awaitArrivals(expected, id -> sink.orderArrival(id) != null, sink::received,
				stallSeconds).size();
		int arrived = expected.size() - missing;
		double span = seconds(sink.lastArrivalNanos() - load.firstAccepted(expected));
		out.printf(Locale.ROOT,
				"  %s: %d of %d webhooks arrived, the last %.1f s after the first report was accepted (%.0f webhooks/s end to end)%s%n",
				phase, arrived, expected.size(), span, arrived / span,
				missing == 0 ? "" : "; gave up after " + stallSeconds + " s without progress");
		return arrived / span;
	}

	// -- 3. half load ---------------------------------------------------------------------------------------------

	/** Reports at {@code rate} per second for the configured duration on a fixed schedule (open loop). */
	private Latencies halfLoad(double rate) throws Exception {
		int count = (int) Math.max(1, Math.round(rate * halfSeconds));
		List<UUID> orders = load.placeOrders("H", count);
		StockingLoad.OpenLoop run = load.openLoop(orders, rate, tickMs, batch);
		awaitWebhooks("half load", orders);

		List<Long> latencies = new ArrayList<>();
		int early = 0;
		for (UUID id : orders) {
			Long accepted = load.acceptedAt(id);
			LoopbackSink.Arrival arrival = accepted == null ? null : sink.orderArrival(id);
			if (arrival != null) {
				long latency = arrival.firstNanos - accepted;
				if (latency < 0) {
					// Herald sent the webhook before the station's HTTP response was read: zero wait for the customer
					early++;
					latency = 0;
				}
				latencies.add(latency);
			}
		}
		Latencies webhook = new Latencies(latencies);
		out.println("half load: " + run);
		out.printf(Locale.ROOT, "  report accepted -> webhook received: %s (%d webhooks came before the HTTP response)%n",
				webhook, early);
		out.printf(Locale.ROOT, "  stocking request round trip:         %s%n", run.roundTrips());
		out.printf(Locale.ROOT, "  cpu while sending: %s%n", run.cpu());
		if (run.firstError() != null) {
			out.println("  first refusal: " + run.firstError());
		}
		// where the latency goes, from Herald's own timestamps: the delivery row is written in the event's own
		// transaction, so this is commit, dispatcher pick-up and the HTTP call
		double[] sent = herald.database().eventToSentMillis(orders);
		out.printf(Locale.ROOT, "  inside herald: stocking event -> webhook sent p50=%.0f ms p99=%.0f ms%n", sent[0],
				sent[1]);
		return webhook;
	}

	// -- totals ---------------------------------------------------------------------------------------------------

	private record Totals(long lost, long duplicated) {
	}

	/** Lost and duplicated over every report accepted in the run. */
	private Totals totals() {
		long lost = load.accepted().stream().filter(id -> sink.orderArrival(id) == null).count();
		long expectedArrived = load.accepted().size() - lost;
		long duplicated = sink.repeatedOrders();
		out.printf(Locale.ROOT,
				"delivery: %d reports accepted, %d webhooks received: %d lost, %d duplicated (%d repeated webhook-ids), %d about orders never reported, %d bad signatures, %d unreadable%n",
				load.accepted().size(), sink.received(), lost, duplicated, sink.repeatedKeys(),
				sink.distinctOrders() - expectedArrived, sink.badSignatures(), sink.unreadable());
		return new Totals(lost, duplicated);
	}

}
