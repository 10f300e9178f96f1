package io.herald.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.herald.bench.BenchMain.seconds;

/**
 * The soak: a realistic mixed day ({@link SoakDay}) against Herald in its own JVM for {@code --minutes}, at half of
 * the capacity measured first (or at {@code --rate}), with every retention shortened to minutes so that pruning runs
 * all along. One line a minute: throughput, p99 report -> webhook, Herald's heap after a full GC, its open database
 * connections and the row count of every table; a table that only grows is what the soak is there to find. The last
 * line: {@code soak: minutes=N p99_ms_first=N p99_ms_last=N heap_mb_first=N heap_mb_last=N lost=N duplicated=N}.
 */
public final class SoakBench implements BenchMain.Benchmark {

	/** Retention shortened from days to minutes, so that a run of a few minutes prunes; --herald overrides any. */
	static final Map<String, Object> SHORT_RETENTION = Map.of("herald.retention.orders", "2m",
			"herald.retention.routes", "2m", "herald.retention.dead-letters", "2m", "herald.retention.interval", "20s",
			"herald.live.retention", "2m", "herald.live.prune-interval", "20s");

	private final PrintStream out;

	private final int minutes;

	private final int rate;

	private final int capacitySeconds;

	private final int streams;

	private final int routeEverySeconds;

	private final int stallSeconds;

	private final Map<String, Object> heraldProperties = new LinkedHashMap<>();

	private SoakBench(PrintStream out, BenchOptions options) {
		this.out = out;
		this.minutes = options.integer("minutes", 60, "length of the soak, after the capacity measurement");
		this.rate = options.integer("rate", 0,
				"orders per second (each brings two reports: stocking and the stop); 0: a quarter of the single-report capacity measured first, i.e. half of it in reports");
		this.capacitySeconds = options.integer("capacity-s", 20, "length of the capacity measurement (single stocking reports, closed loop)");
		this.streams = options.integer("streams", 50, "tracking pages with their live stream open at any time");
		this.routeEverySeconds = options.integer("route-every-s", 10, "the station sends out a route this often");
		this.stallSeconds = options.integer("stall-s", 60, "at the end, stop waiting for messages after this long without progress");
		String herald = options.text("herald", "NAME=VALUE,...",
				"further properties of Herald, on top of the shortened retention, e.g. herald.retention.orders=5m");
		BenchMain.require(minutes >= 1 && rate >= 0 && capacitySeconds >= 1 && streams >= 0 && routeEverySeconds >= 1
				&& stallSeconds >= 1, "--minutes, --capacity-s, --route-every-s and --stall-s must be at least 1");
		heraldProperties.putAll(SHORT_RETENTION);
		if (herald != null) {
			for (String pair : herald.split(",")) {
				BenchMain.require(pair.indexOf('=') > 0, "--herald takes NAME=VALUE pairs, got '" + pair + "'");
				heraldProperties.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
			}
		}
	}

	public static void main(String[] args) {
		BenchMain.run("soak", args, SoakBench::new);
	}

	@Override
	public String run() throws Exception {
		out.printf(Locale.ROOT, "soak benchmark: %d cores, %d minutes, %d open streams, a route every %d s; herald %s%n",
				Runtime.getRuntime().availableProcessors(), minutes, streams, routeEverySeconds, heraldProperties);
		try (WebhookSink webhooks = WebhookSink.start(16, 0); SmsSink sms = SmsSink.start(16, 0);
				SoakMailbox mail = SoakMailbox.start()) {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("herald.notifications.channels", "webhook,email,sms,live");
			properties.put("herald.notifications.sms.base-url", sms.url(""));
			properties.put("spring.mail.host", "127.0.0.1");
			properties.put("spring.mail.port", mail.port());
			properties.putAll(heraldProperties);
			try (HeraldProcess herald = LoadPhases.startHerald(out, properties)) {
				HeraldClient admin = new HeraldClient(herald.port());
				HeraldClient.Merchant merchant = admin.createMerchant(herald.adminKey(), "Soak Tea", webhooks.url("/webhooks"));
				webhooks.verifyWith(merchant.webhookSecret());
				HeraldClient.Station station = admin.createStation(herald.adminKey(), "Soak Andorra la Vella");
				SoakHttp http = new SoakHttp(herald.port());
				SoakLedger ledger = new SoakLedger(herald.database(), webhooks::arrival, List.of(sms::arrival, mail::arrival));
				SoakDay day = new SoakDay(http, ledger, merchant.apiKey(), station.apiKey(), streams, routeEverySeconds);
				double ordersPerSecond = rate > 0 ? rate : measureCapacity(day, http, station.apiKey(), herald) / 4;
				out.printf(Locale.ROOT, "soak at %.1f orders/s (%s), about %.1f reports/s%n", ordersPerSecond,
						rate > 0 ? "--rate" : "a quarter of the measured capacity", 2 * ordersPerSecond);
				SoakMeter meter = new SoakMeter(herald);
				ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor();
				reader.scheduleWithFixedDelay(() -> {
					try {
						ledger.readPlanned();
					}
					catch (Exception e) {
						System.err.println("soak: reading planned messages failed: " + e);
					}
				}, 1, 1, TimeUnit.SECONDS);
				long start = System.nanoTime();
				day.start(ordersPerSecond);
				List<long[]> firstAndLast = new ArrayList<>();
				long reportsBefore = 0, messagesBefore = 0;
				for (int minute = 1; minute <= minutes; minute++) {
					long end = start + TimeUnit.MINUTES.toNanos(minute);
					TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
					// the reports of the minute that ended 5 s ago, so that their webhooks had the time to arrive
					long lag = TimeUnit.SECONDS.toNanos(5);
					Latencies latencies = ledger.latencies(minute == 1 ? start : end - TimeUnit.MINUTES.toNanos(1) - lag, end - lag);
					long reports = day.reportsAccepted.get(), messages = webhooks.received() + sms.received() + mail.received();
					Map<String, Long> node = herald.soakStats();
					out.printf(Locale.ROOT,
							"minute %d: reports/s=%.1f msgs/s=%.1f p99_ms=%d heap_mb=%d db_connections=%d (busy %d) streams=%d refused=%d rows: %s%n",
							minute, (reports - reportsBefore) / 60.0, (messages - messagesBefore) / 60.0,
							latencies.p99Millis(), node.get("heap_after_gc_mb"), node.get("db_connections"),
							node.get("db_active"), day.openStreams(), day.refused.get(), meter.rowCounts());
					reportsBefore = reports;
					messagesBefore = messages;
					long[] figures = { latencies.p99Millis(), node.get("heap_after_gc_mb") };
					if (firstAndLast.size() < 2) {
						firstAndLast.add(figures);
					}
					else {
						firstAndLast.set(1, figures);
					}
				}
				day.close();
				awaitMessages(ledger);
				reader.shutdownNow();
				SoakLedger.Tally tally = ledger.tally();
				out.printf(Locale.ROOT,
						"  %d reports accepted in %d routes, %d messages expected (%d customer messages skipped by policy), %d re-sent under the same key; %d live events heard; receivers: %d webhooks (%d bad signatures), %d SMS, %d emails (%d without a key)%n",
						tally.reports(), day.routesStarted.get(), tally.expected(), tally.skippedByPolicy(), tally.resent(),
						day.streamEvents.get(), webhooks.received(), webhooks.badSignatures(), sms.received(), mail.received(),
						mail.withoutKey());
				long[] first = firstAndLast.get(0), last = firstAndLast.get(firstAndLast.size() - 1);
				return String.format(Locale.ROOT,
						"soak: minutes=%d p99_ms_first=%d p99_ms_last=%d heap_mb_first=%d heap_mb_last=%d lost=%d duplicated=%d",
						minutes, first[0], last[0], first[1], last[1], tally.lost(), tally.duplicated());
			}
		}
	}

	/**
	 * Single stocking reports as fast as 16 clients get them answered, for {@code capacitySeconds}: Herald's capacity
	 * for its most frequent request, in reports per second. Then waits until those reports' messages are sent, so the
	 * soak starts on an empty queue.
	 */
	private double measureCapacity(SoakDay day, SoakHttp http, String stationKey, HeraldProcess herald) throws Exception {
		ConcurrentLinkedQueue<UUID> orders = new ConcurrentLinkedQueue<>();
		while (orders.size() < 300 * capacitySeconds) {
			orders.addAll(day.place(500));
		}
		AtomicLong accepted = new AtomicLong();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(capacitySeconds);
		long start = System.nanoTime();
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			Thread client = new Thread(() -> {
				UUID order;
				while (System.nanoTime() < deadline && (order = orders.poll()) != null) {
					if (http.post("/api/v1/orders/" + order + "/stocking", stationKey, "{\"status\":\"STOCKED\"}").status() == 200) {
						accepted.incrementAndGet();
					}
				}
			}, "soak-capacity-" + i);
			client.start();
			clients.add(client);
		}
		for (Thread client : clients) {
			client.join();
		}
		double capacity = accepted.get() / seconds(System.nanoTime() - start);
		out.printf(Locale.ROOT, "capacity: %.0f single stocking reports/s (%d in %.1f s, 16 clients)%n", capacity,
				accepted.get(), seconds(System.nanoTime() - start));
		long drained = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		while (herald.database().unsentDeliveries() > 0 && System.nanoTime() < drained) {
			Thread.sleep(200);
		}
		return capacity;
	}

	/** Until every expected message arrived, or none more did for {@code stallSeconds}. */
	private void awaitMessages(SoakLedger ledger) throws Exception {
		long missing = Long.MAX_VALUE;
		long progress = System.nanoTime();
		while (true) {
			ledger.readPlanned();
			long now = ledger.missing();
			if (now == 0) {
				return;
			}
			if (now < missing) {
				missing = now;
				progress = System.nanoTime();
			}
			else if (System.nanoTime() - progress > TimeUnit.SECONDS.toNanos(stallSeconds)) {
				out.printf(Locale.ROOT, "  gave up waiting for %d messages after %d s without progress%n", now, stallSeconds);
				return;
			}
			Thread.sleep(500);
		}
	}

	/** Row counts of every table of Herald's schema. */
	static final class SoakMeter {

		private final HeraldProcess herald;

		private final List<String> tables = new ArrayList<>();

		SoakMeter(HeraldProcess herald) throws Exception {
			this.herald = herald;
			try (Connection c = herald.database().dataSource().getConnection(); Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("""
							select tablename from pg_tables where schemaname = current_schema()
							  and tablename <> 'flyway_schema_history' order by tablename""")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
		}

		String rowCounts() throws Exception {
			StringBuilder counts = new StringBuilder();
			try (Connection c = herald.database().dataSource().getConnection(); Statement s = c.createStatement()) {
				for (String table : tables) {
					try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
						rs.next();
						counts.append(counts.isEmpty() ? "" : " ").append(table).append('=').append(rs.getLong(1));
					}
				}
			}
			return counts.toString();
		}

	}

}
