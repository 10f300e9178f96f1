package io.herald.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.herald.bench.BenchMain.seconds;

/**
 * The notify benchmark: the loop benchmark with two channels, a signed webhook to the merchant and an SMS to the
 * customer, each stocking report becoming exactly one of each, and with a node killed in the middle of sending.
 *
 * <p>Herald runs in a JVM of its own ({@link HeraldProcess}) on a fresh embedded PostgreSQL with the webhook, SMS and
 * live channels; this JVM holds the load generator, the merchant's webhook receiver that verifies every signature
 * ({@link WebhookSink}) and a fake SMS provider that accepts every message ({@link SmsSink}), both answering at once
 * or after {@code --receiver-delay-ms}. Orders carry a phone number and no email, so the customer's channel is SMS.
 *
 * <ol>
 * <li>The phases of {@link LoadPhases}: warm-up (not measured), saturation with single-report requests (the main
 * figure, {@code msgs_per_s}: webhooks + SMS received over the time from the first report accepted to the last
 * message), the latency-throughput curve at 25-100% of that capacity ({@code p99_ms}: Herald's own event-to-send time
 * at 50%, both channels), saturation with batches (the second line).</li>
 * <li>Crash: a second Herald node, a child JVM on the same database with a short dispatch lease, takes a burst of
 * reports while the first node's dispatcher is paused, and is killed (SIGKILL) when the receivers have seen a share of
 * the burst's messages. The first node then resumes and sends the rest: notifications the dead node had claimed come back
 * when their lease ends, and those it sent but had not yet marked are sent again under the same key.</li>
 * </ol>
 *
 * {@code lost} and {@code duplicated} count over the whole run, per accepted event and per channel (see
 * {@link NotifyReceipts}): lost is an event with no message at that channel's receiver, duplicated one with more than
 * one distinct key there. A message received again under the same key is printed as "re-sent (same id)": receivers
 * deduplicate it, so it is allowed.
 */
public final class NotifyBench implements BenchMain.Benchmark {

	private final PrintStream out;

	private final LoadOptions settings;

	private final int receiverDelayMillis;

	private final int crashReports;

	private final int killAtPct;

	private final int leaseSeconds;

	private HeraldProcess herald;

	private StockingLoad load;

	private NotifyReceipts receipts;

	private NotifyBench(PrintStream out, BenchOptions options) {
		this.out = out;
		this.settings = LoadOptions.read(options, "notify", " and the crash burst", "messages");
		this.receiverDelayMillis = options.integer("receiver-delay-ms", 0,
				"the webhook receiver and the SMS provider answer each request this long after it arrived");
		this.crashReports = options.integer("crash-reports", 1_000,
				"reports in the burst sent to the node that is killed");
		this.killAtPct = options.integer("kill-at-pct", 30,
				"kill that node when the receivers have this share of the burst's messages");
		this.leaseSeconds = options.integer("lease-s", 2, "dispatch lease of the killed node");
		BenchMain.require(receiverDelayMillis >= 0 && crashReports >= 1 && leaseSeconds >= 1,
				"--crash-reports and --lease-s must be at least 1, --receiver-delay-ms at least 0");
		BenchMain.require(killAtPct >= 1 && killAtPct <= 99, "--kill-at-pct must be between 1 and 99");
	}

	public static void main(String[] args) {
		BenchMain.run("notify", args, NotifyBench::new);
	}

	/** Runs all phases and returns the summary line. */
	@Override
	public String run() throws Exception {
		double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		out.printf(Locale.ROOT, "notify benchmark: %d cores; webhook + SMS (+ live), receivers answer after %d ms; %s%n",
				Runtime.getRuntime().availableProcessors(), receiverDelayMillis, settings.describe());
		try (WebhookSink webhooks = WebhookSink.start(32, receiverDelayMillis);
				SmsSink sms = SmsSink.start(32, receiverDelayMillis)) {
			// the two channels measured, and the live channel as in production: it records every change for the
			// tracking pages and copies each SMS to the order's live stream (a third notification row, not counted here)
			try (HeraldProcess started = LoadPhases.startHerald(out, Map.of("herald.notifications.channels",
					"webhook,sms,live", "herald.notifications.sms.base-url", sms.url("")))) {
				herald = started;
				load = new StockingLoad(out, herald, webhooks);
				receipts = new NotifyReceipts(out, load, webhooks, sms, settings.stallSeconds());
				LoadPhases phases = new LoadPhases(out, load, receipts, settings.connections(), settings.batch(),
						settings.batchConnections());

				phases.warmUp(settings.warmupSeconds(), settings.warmupMaxSeconds());
				LoadPhases.Saturation single = phases.single("S", settings.reports());
				List<LoadPhases.Step> curve = phases.curve(single.reportsPerSecond(), settings.stepSeconds());
				LoadPhases.Step half = LoadPhases.at(curve, 50);
				out.println("  at 50%, by channel:");
				receipts.printByChannel(half.orders());
				LoadPhases.Saturation batched = phases.batched("B", settings.batchReports());
				crash(single.arrivals().messagesPerReport());

				List<UUID> events = herald.database().stockingReported(load.placed());
				NotifyReceipts.Tally total = receipts.tally("whole run (warm-up included)", events);
				out.printf(Locale.ROOT,
						"  receivers: %d webhooks (%d bad signatures, %d unreadable), %d SMS (%d malformed); %d requests without a key, %d keys of no accepted report%n",
						webhooks.received(), webhooks.badSignatures(), webhooks.unreadable(), sms.received(),
						sms.malformed(), webhooks.withoutKey() + sms.withoutKey(), receipts.strangers(events));
				HeraldDatabase.DeliveryRows rows = herald.database().deliveryRows();
				out.printf(Locale.ROOT, "  herald's notification rows: %s, %d needed more than one attempt%n",
						rows.byStatus(), rows.retried());
				double pgCommits = PgCommitProbe.measure(out, herald.database(), settings.pgConnections(), settings.pgSeconds());
				// work of others on a shared machine shows here, on top of this run's own
				out.printf(Locale.ROOT, "  machine load average (1 min): %.1f at the start, %.1f at the end%n",
						loadAtStart, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
				LoadPhases.writeChart(out, settings.chart(), "notify", "report accepted -> message received", single, curve);
				out.printf(Locale.ROOT,
						"notify (batches of %d): msgs_per_s=%d ratio=%.2f herald_cpu_us_per_report=%d%n", settings.batch(),
						Math.round(batched.arrivals().messagesPerSecond()),
						batched.arrivals().messagesPerSecond() / pgCommits,
						Math.round(batched.heraldMicrosPerReport()));
				return String.format(Locale.ROOT,
						"notify: msgs_per_s=%d pg_commits_per_s=%d ratio=%.2f p99_ms=%d lost=%d duplicated=%d herald_cpu_us_per_report=%d",
						Math.round(single.arrivals().messagesPerSecond()), Math.round(pgCommits),
						single.arrivals().messagesPerSecond() / pgCommits, Math.round(half.inside()[1]),
						total.lost(), total.duplicated(), Math.round(single.heraldMicrosPerReport()));
			}
		}
	}

	// -- crash ----------------------------------------------------------------------------------------------------

	/** A burst of reports to a second node, killed while it sends; then the first node finishes. */
	private void crash(double messagesPerReport) throws Exception {
		List<UUID> orders = load.placeOrders("K", crashReports);
		long t = System.nanoTime();
		try (HeraldProcess node = herald.startAnother(Map.of("herald.notifications.dispatch.lease", leaseSeconds + "s"))) {
			out.printf(Locale.ROOT,
					"crash: second node (pid %d) started in %.1f s on port %d, same database, dispatch lease %d s; the first node's dispatcher paused%n",
					node.pid(), seconds(System.nanoTime() - t), node.port(), leaseSeconds);
			herald.pauseDispatch();
			long expected = Math.round(crashReports * messagesPerReport);
			long killAt = (long) Math.ceil(expected * killAtPct / 100.0);
			long before = receipts.received();
			ExecutorService poster = Executors.newSingleThreadExecutor();
			long start = System.nanoTime();
			ClosedLoop.Result burst;
			long seen;
			long killed;
			try {
				HeraldClient via = new HeraldClient(node.port());
				List<HeraldClient.StockingPost> posts = load.batches(via, orders, settings.batch());
				Future<ClosedLoop.Result> posting = poster.submit(() -> ClosedLoop.run(load, via, posts,
						settings.batchConnections()));
				long deadline = start + TimeUnit.SECONDS.toNanos(settings.stallSeconds());
				while (receipts.received() - before < killAt && System.nanoTime() < deadline) {
					Thread.sleep(1);
				}
				node.kill();
				killed = System.nanoTime();
				seen = receipts.received() - before;
				burst = posting.get();
			}
			finally {
				poster.shutdownNow();
			}
			herald.resumeDispatch();
			out.printf(Locale.ROOT,
					"  killed it (SIGKILL) %.2f s into the burst, when the receivers had %d of its ~%d messages (%.0f%%); its clients got %d reports accepted, %d refused or cut off%n",
					seconds(killed - start), seen, expected, 100.0 * seen / expected, burst.accepted(),
					burst.failed());
			if (burst.firstError() != null) {
				out.println("  first refusal: " + burst.firstError());
			}
			List<UUID> accepted = herald.database().stockingReported(orders);
			out.printf(Locale.ROOT, "  %d of the %d reports are accepted in the database (%d of them unanswered)%n",
					accepted.size(), crashReports, accepted.stream().filter(id -> load.acceptedAt(id) == null).count());
			receipts.await("  after the crash", orders);
			out.printf(Locale.ROOT,
					"  the last message arrived %.1f s after the kill; %d notifications were claimed more than once (the dead node's leases)%n",
					seconds(receipts.lastArrivalNanos() - killed), herald.database().reclaimed(accepted));
			receipts.tally("crash burst", accepted);
		}
	}

}
