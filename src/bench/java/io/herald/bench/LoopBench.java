package io.herald.bench;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

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
public final class LoopBench {

	private final PrintStream out;

	private final int reports;

	private final int clients;

	private final int batch;

	private final int halfSeconds;

	private final int tickMs;

	private final int pgSeconds;

	private final int pgConnections;

	private final int stallSeconds;

	private HeraldUnderTest herald;

	private WebhookSink sink;

	private HeraldClient api;

	private HeraldClient.Merchant merchant;

	private HeraldClient.Station station;

	/** When each accepted report's HTTP response arrived (nanoTime), by order id, over the whole run. */
	private final Map<UUID, Long> acceptedAt = new ConcurrentHashMap<>();

	private int ordersPlaced;

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
		require(reports >= 1 && clients >= 1 && halfSeconds >= 1 && tickMs >= 1 && pgSeconds >= 1
				&& pgConnections >= 1 && stallSeconds >= 1, "every option must be at least 1");
		require(batch >= 1 && batch <= 1000, "--batch must be between 1 and 1000 (Herald's batch limit)");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	public static void main(String[] args) {
		// Only the figures go to stdout, so that its last line is the machine-readable one whatever Spring, Tomcat
		// or PostgreSQL log (to stderr) while starting and stopping.
		PrintStream out = System.out;
		System.setOut(System.err);
		int exit;
		try {
			BenchOptions options = new BenchOptions("loop", args);
			LoopBench bench = new LoopBench(out, options);
			if (options.helpRequested()) {
				out.print(options.help());
				out.flush();
				System.exit(0);
			}
			options.rejectUnknown();
			out.println(bench.run());
			exit = 0;
		}
		catch (IllegalArgumentException e) {
			System.err.println("loop: " + e.getMessage());
			exit = 2;
		}
		catch (Throwable e) {
			System.err.println("loop: failed");
			e.printStackTrace();
			exit = 1;
		}
		out.flush();
		// HTTP client and server threads must not keep a finished benchmark alive
		System.exit(exit);
	}

	/** Runs all phases and returns the summary line. */
	private String run() throws Exception {
		out.printf(Locale.ROOT, "loop benchmark: %d cores, %d reports, %d clients, batches of %d%n",
				Runtime.getRuntime().availableProcessors(), reports, clients, batch);
		sink = WebhookSink.start(32);
		long t = System.nanoTime();
		herald = HeraldUnderTest.start(Map.of());
		try {
			out.printf(Locale.ROOT, "  herald started in %.1f s on port %d (embedded PostgreSQL in %s)%n",
					seconds(System.nanoTime() - t), herald.port(), herald.postgresDataDirectory());
			api = new HeraldClient(herald.port());
			merchant = api.createMerchant(herald.adminKey(), "Bench Tea", sink.url("/webhooks"));
			sink.verifyWith(merchant.webhookSecret());
			station = api.createStation(herald.adminKey(), "Bench Andorra la Vella");

			List<UUID> saturationOrders = placeOrders("S", reports);
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
			deliveryDiagnostics();

			double pgCommitsPerSecond = PgCommitProbe.commitsPerSecond(herald.dataSource(), pgConnections,
					pgSeconds);
			double ratio = reportsPerSecond / pgCommitsPerSecond;
			out.printf(Locale.ROOT,
					"postgres (%s): %d connections committing single-row inserts: %.0f commits/s; loop/commit ratio %.2f%n",
					PgCommitProbe.durabilitySettings(herald.dataSource()), pgConnections, pgCommitsPerSecond, ratio);
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

	// -- intake (set-up, not part of the loop figures) ------------------------------------------------------------

	/** Places {@code count} orders through the batch endpoint and waits until Herald has digested their events. */
	private List<UUID> placeOrders(String series, int count) throws Exception {
		int chunk = 500;
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<List<UUID>>> parts = new ArrayList<>();
		try {
			for (int from = 0; from < count; from += chunk) {
				int first = from, size = Math.min(chunk, count - from);
				parts.add(pool.submit(() -> {
					List<String> numbers = new ArrayList<>(size);
					for (int i = 0; i < size; i++) {
						numbers.add(series + "-" + (ordersPlaced + first + i));
					}
					Random random = new Random(first);
					return api.placeOrders(merchant.apiKey(), numbers, i -> new double[] {
							HeraldClient.LAT_MIN + 0.001 + random.nextDouble() * (HeraldClient.LAT_MAX - HeraldClient.LAT_MIN - 0.002),
							HeraldClient.LON_MIN + 0.001 + random.nextDouble() * (HeraldClient.LON_MAX - HeraldClient.LON_MIN - 0.002) });
				}));
			}
			List<UUID> ids = new ArrayList<>(count);
			for (Future<List<UUID>> part : parts) {
				ids.addAll(part.get());
			}
			ordersPlaced += count;
			double placed = seconds(System.nanoTime() - start);
			long settle = System.nanoTime();
			awaitQuiet();
			out.printf(Locale.ROOT,
					"  set-up: placed %d orders in %.1f s (%.0f orders/s, batches of %d); their events settled %.1f s later%n",
					count, placed, count / placed, chunk, seconds(System.nanoTime() - settle));
			return ids;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Waits until no event publication is outstanding, so that a measured phase does not pay for the work left over
	 * from the one before (placing an order publishes events that the notification module must handle even when they
	 * notify nobody).
	 */
	private void awaitQuiet() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (outstandingPublications() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("event publications still outstanding after 5 minutes");
			}
			Thread.sleep(100);
		}
	}

	private long outstandingPublications() throws Exception {
		try (Connection c = herald.dataSource().getConnection();
				PreparedStatement s = c.prepareStatement("select count(*) from event_publication where completion_date is null");
				ResultSet rs = s.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	// -- 1. saturation --------------------------------------------------------------------------------------------

	/** Posts all reports as fast as {@code clients} closed-loop clients can; returns accepted reports per second. */
	private double saturation(List<UUID> orders) throws Exception {
		// bodies built beforehand: the generator should spend its CPU share on sending, not on formatting
		List<List<UUID>> batches = partition(orders, batch);
		List<String> bodies = batches.stream().map(HeraldClient::stockedReports).toList();
		AtomicInteger next = new AtomicInteger();
		AtomicLong refused = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		Sampler backlog = new Sampler(herald::unsentDeliveries);
		CountDownLatch done = new CountDownLatch(clients);
		CpuMeter cpu = new CpuMeter(herald.postmaster());
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			Thread client = new Thread(() -> {
				try {
					for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
						HttpResponse<String> response = api.reportStocking(station.apiKey(), bodies.get(i));
						long now = System.nanoTime();
						List<UUID> applied = HeraldClient.applied(response);
						applied.forEach(id -> acceptedAt.put(id, now));
						refused.addAndGet(batches.get(i).size() - applied.size());
						if (applied.size() < batches.get(i).size()) {
							firstError.compareAndSet(null, response.statusCode() + " " + abbreviate(response.body()));
						}
					}
				}
				catch (RuntimeException e) {
					firstError.compareAndSet(null, e.toString());
				}
				finally {
					done.countDown();
				}
			}, "saturation-client-" + c);
			client.start();
		}
		done.await();
		double elapsed = seconds(System.nanoTime() - start);
		String cores = cpu.coresSinceStart();
		long accepted = orders.stream().filter(acceptedAt::containsKey).count();
		double rate = accepted / elapsed;
		out.printf(Locale.ROOT,
				"saturation: %d reports accepted in %.2f s = %.0f reports/s (%d refused); unsent deliveries peaked at %d%n",
				accepted, elapsed, rate, refused.get(), backlog.stopAndMax());
		out.printf(Locale.ROOT, "  cpu while accepting: %s (JVM = herald + load generator + webhook receiver)%n",
				cores);
		if (firstError.get() != null) {
			out.println("  first refusal: " + firstError.get());
		}
		return rate;
	}

	// -- 2. every accepted report must become one webhook ---------------------------------------------------------

	/** Waits until every accepted report of the phase has its webhook, or until arrivals stall. */
	private double awaitWebhooks(String phase, List<UUID> orders) throws Exception {
		List<UUID> waiting = new ArrayList<>(orders.stream().filter(acceptedAt::containsKey).toList());
		long firstAccepted = waiting.stream().mapToLong(acceptedAt::get).min().orElse(System.nanoTime());
		long lastReceived = sink.received();
		long lastProgress = System.nanoTime();
		while (!waiting.isEmpty()) {
			waiting.removeIf(id -> sink.arrival(id) != null);
			if (sink.received() != lastReceived) {
				lastReceived = sink.received();
				lastProgress = System.nanoTime();
			}
			else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(stallSeconds)) {
				break;
			}
			Thread.sleep(50);
		}
		int expected = (int) orders.stream().filter(acceptedAt::containsKey).count();
		double span = seconds(sink.lastArrivalNanos() - firstAccepted);
		out.printf(Locale.ROOT,
				"  %s: %d of %d webhooks arrived, the last %.1f s after the first report was accepted (%.0f webhooks/s end to end)%s%n",
				phase, expected - waiting.size(), expected, span, (expected - waiting.size()) / span,
				waiting.isEmpty() ? "" : "; gave up after " + stallSeconds + " s without progress");
		return (expected - waiting.size()) / span;
	}

	// -- 3. half load ---------------------------------------------------------------------------------------------

	/**
	 * Reports at {@code rate} per second for the configured duration, on a fixed schedule: each tick posts whatever
	 * the schedule says is due by now, without waiting for earlier requests, so a slow Herald faces a growing backlog
	 * as it would in production instead of slowing the generator down (coordinated omission).
	 */
	private Latencies halfLoad(double rate) throws Exception {
		int count = (int) Math.max(1, Math.round(rate * halfSeconds));
		List<UUID> orders = placeOrders("H", count);
		List<Long> requestNanos = Collections.synchronizedList(new ArrayList<>());
		List<CompletableFuture<?>> requests = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		AtomicLong refused = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		CountDownLatch allSent = new CountDownLatch(1);
		int[] sent = { 0 };
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		CpuMeter cpu = new CpuMeter(herald.postmaster());
		long start = System.nanoTime();
		ScheduledFuture<?> schedule = ticker.scheduleAtFixedRate(() -> {
			try {
				int due = (int) Math.min(count, Math.floor(rate * seconds(System.nanoTime() - start)));
				while (sent[0] < due) {
					List<UUID> reportsNow = orders.subList(sent[0], Math.min(due, sent[0] + batch));
					sent[0] += reportsNow.size();
					long sentAt = System.nanoTime();
					maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
					requests.add(api.reportStockingAsync(station.apiKey(), HeraldClient.stockedReports(reportsNow))
						.whenComplete((response, failure) -> {
							long now = System.nanoTime();
							inFlight.decrementAndGet();
							requestNanos.add(now - sentAt);
							List<UUID> applied = failure == null ? HeraldClient.applied(response) : List.of();
							applied.forEach(id -> acceptedAt.put(id, now));
							refused.addAndGet(reportsNow.size() - applied.size());
							if (applied.size() < reportsNow.size()) {
								firstError.compareAndSet(null, failure != null ? failure.toString()
										: response.statusCode() + " " + abbreviate(response.body()));
							}
						}));
				}
				if (sent[0] >= count) {
					allSent.countDown();
				}
			}
			catch (RuntimeException e) {
				// a failing tick would otherwise end the schedule silently and leave this phase waiting forever
				firstError.compareAndSet(null, e.toString());
				allSent.countDown();
				throw e;
			}
		}, 0, tickMs, TimeUnit.MILLISECONDS);
		allSent.await();
		if (sent[0] < count) {
			throw new IllegalStateException("half load stopped after " + sent[0] + " reports: " + firstError.get());
		}
		double sending = seconds(System.nanoTime() - start);
		String cores = cpu.coresSinceStart();
		schedule.cancel(false);
		ticker.shutdown();
		CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).handle((r, e) -> null).get();
		awaitWebhooks("half load", orders);

		List<Long> latencies = new ArrayList<>();
		int early = 0;
		for (UUID id : orders) {
			Long accepted = acceptedAt.get(id);
			WebhookSink.Arrival arrival = accepted == null ? null : sink.arrival(id);
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
		Latencies http = new Latencies(requestNanos);
		out.printf(Locale.ROOT,
				"half load: %d reports at %.0f/s over %.1f s (a request every %d ms, up to %d in flight, %d refused)%n",
				count, count / sending, sending, tickMs, maxInFlight.get(), refused.get());
		out.printf(Locale.ROOT, "  report accepted -> webhook received: %s (%d webhooks came before the HTTP response)%n",
				webhook, early);
		out.printf(Locale.ROOT, "  stocking request round trip:         %s%n", http);
		out.printf(Locale.ROOT, "  cpu while sending: %s%n", cores);
		if (firstError.get() != null) {
			out.println("  first refusal: " + firstError.get());
		}
		stageLatencies(orders);
		return webhook;
	}

	/**
	 * Where the half-load latency goes, from Herald's own timestamps: order event to sent (the delivery row is written
	 * in the event's own transaction, so this is commit, dispatcher pick-up and the HTTP call).
	 */
	private void stageLatencies(List<UUID> orders) throws Exception {
		try (Connection c = herald.dataSource().getConnection();
				PreparedStatement s = c.prepareStatement("""
						select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from sent_at - event_occurred_at))
						from notification_delivery where order_id = any(?) and sent_at is not null""")) {
			Array ids = c.createArrayOf("uuid", orders.toArray());
			s.setArray(1, ids);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				Double[] sent = (Double[]) rs.getArray(1).getArray();
				out.printf(Locale.ROOT,
						"  inside herald: stocking event -> webhook sent p50=%.0f ms p99=%.0f ms%n", sent[0] * 1000,
						sent[1] * 1000);
			}
		}
	}

	// -- totals and diagnostics -----------------------------------------------------------------------------------

	private record Totals(long lost, long duplicated) {
	}

	/** Lost and duplicated over every report accepted in the run. */
	private Totals totals() {
		long lost = acceptedAt.keySet().stream().filter(id -> sink.arrival(id) == null).count();
		long expectedArrived = acceptedAt.size() - lost;
		long duplicated = sink.repeatedOrders();
		out.printf(Locale.ROOT,
				"delivery: %d reports accepted, %d webhooks received: %d lost, %d duplicated (%d repeated webhook-ids), %d about orders never reported, %d bad signatures, %d unreadable%n",
				acceptedAt.size(), sink.received(), lost, duplicated, sink.repeatedWebhookIds(),
				sink.distinctOrders() - expectedArrived, sink.badSignatures(), sink.unreadable());
		return new Totals(lost, duplicated);
	}

	/** What Herald's own delivery table says: retries or dead deliveries would explain latency tails and losses. */
	private void deliveryDiagnostics() throws Exception {
		Map<String, Long> byStatus = new LinkedHashMap<>();
		long retried;
		DataSource ds = herald.dataSource();
		try (Connection c = ds.getConnection()) {
			try (PreparedStatement s = c.prepareStatement(
					"select status, count(*) from notification_delivery group by status order by status");
					ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					byStatus.put(rs.getString(1), rs.getLong(2));
				}
			}
			try (PreparedStatement s = c.prepareStatement("select count(*) from notification_delivery where attempts > 1");
					ResultSet rs = s.executeQuery()) {
				rs.next();
				retried = rs.getLong(1);
			}
		}
		out.printf(Locale.ROOT, "  herald's delivery rows: %s, %d needed more than one attempt%n", byStatus, retried);
	}

	// -- helpers --------------------------------------------------------------------------------------------------

	/** Percentiles of a set of durations in nanoseconds. */
	private static final class Latencies {

		private final long[] sorted;

		Latencies(Collection<Long> nanos) {
			this.sorted = nanos.stream().mapToLong(Long::longValue).toArray();
			Arrays.sort(sorted);
		}

		/** Nearest-rank percentile in milliseconds, rounded; -1 without samples. */
		long millis(double percentile) {
			if (sorted.length == 0) {
				return -1;
			}
			int rank = (int) Math.ceil(percentile / 100 * sorted.length);
			return Math.round(sorted[Math.max(0, rank - 1)] / 1e6);
		}

		long p50Millis() {
			return millis(50);
		}

		long p99Millis() {
			return millis(99);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "p50=%d ms p90=%d ms p99=%d ms max=%d ms (n=%d)", millis(50),
					millis(90), millis(99), millis(100), sorted.length);
		}

	}

	/** Samples a gauge every 100 ms on a daemon thread and keeps the maximum. */
	private static final class Sampler {

		private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

		private final Thread thread;

		private volatile boolean running = true;

		Sampler(java.util.function.IntSupplier gauge) {
			thread = new Thread(() -> {
				while (running) {
					max.accumulateAndGet(gauge.getAsInt(), Math::max);
					try {
						Thread.sleep(100);
					}
					catch (InterruptedException e) {
						return;
					}
				}
			}, "sampler");
			thread.setDaemon(true);
			thread.start();
		}

		long stopAndMax() throws InterruptedException {
			running = false;
			thread.interrupt();
			thread.join();
			return max.get();
		}

	}

	private static <T> List<List<T>> partition(List<T> list, int size) {
		List<List<T>> parts = new ArrayList<>();
		for (int from = 0; from < list.size(); from += size) {
			parts.add(list.subList(from, Math.min(list.size(), from + size)));
		}
		return parts;
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	private static String abbreviate(String s) {
		return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "...";
	}

}
