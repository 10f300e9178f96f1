package io.herald.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.herald.support.KillablePostgres;
import io.herald.support.SteadyReports;

/**
 * The chaos benchmark: PostgreSQL is killed ({@code kill -9} of its postmaster) and started again on the same data
 * directory and port, {@code --cycles} times, while stations report stocking at a steady pace, and nothing accepted
 * may be lost or told twice.
 *
 * <p>
 * Herald runs in a JVM of its own ({@link HeraldProcess}) on a PostgreSQL that this JVM owns ({@link KillablePostgres},
 * durable as Herald's embedded one: fsync and synchronous commit on), with its default database settings (the pool's
 * 5 s connection timeout) and a 10 s lease, so that a send whose outcome could not be recorded is sent again (same
 * webhook-id) soon after. The load ({@link SteadyReports}) and the webhook receiver, which verifies every signature
 * ({@link WebhookSink}), stay in this JVM. A report answered 503 is sent again after its Retry-After, as a client
 * would; any other answer that is not a 2xx, or no answer within 30 s, is counted as unexpected.
 *
 * <p>
 * Per cycle: wait until reports flow, kill the postmaster, leave it dead for {@code --down-seconds}, start it again
 * (crash recovery), and measure the recovery: from the moment the restarted server accepts connections to Herald's
 * first 2xx, to a report or to a probe that reads an order every 100 ms (the reporting clients wait out their last
 * Retry-After, which would measure them rather than Herald). At the end the outbox must drain (every row SENT, no lease left) and each accepted report must have
 * reached the merchant's endpoint under exactly one webhook-id: {@code lost} counts accepted reports that are not
 * stored or never arrived, {@code duplicated} reports that arrived under more than one webhook-id (a re-send under the
 * same id, which a receiver deduplicates, is printed separately).
 */
public final class ChaosBench implements BenchMain.Benchmark {

	private final PrintStream out;

	private final int cycles;

	private final int downSeconds;

	private final int orders;

	private final int connections;

	private final int pauseMillis;

	private ChaosBench(PrintStream out, BenchOptions options) {
		this.out = out;
		this.cycles = options.integer("cycles", 10, "kills and restarts of PostgreSQL");
		this.downSeconds = options.integer("down-seconds", 3, "how long PostgreSQL stays dead in each cycle");
		this.orders = options.integer("orders", 12_000, "orders placed up front, reported one by one during the run");
		this.connections = options.integer("connections", 4, "station clients reporting at once");
		this.pauseMillis = options.integer("pause-ms", 40, "pause of each client between two reports");
	}

	public static void main(String[] args) {
		BenchMain.run("chaos", args, ChaosBench::new);
	}

	@Override
	public String run() throws Exception {
		out.printf(Locale.ROOT, "chaos benchmark: %d cores; %d cycles, PostgreSQL down %d s each, %d clients, %d ms apart%n",
				Runtime.getRuntime().availableProcessors(), cycles, downSeconds, connections, pauseMillis);
		try (KillablePostgres postgres = KillablePostgres.start(true); WebhookSink sink = WebhookSink.start(16, 0)) {
			postgres.createDatabase("herald");
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("spring.datasource.url", postgres.jdbcUrl("herald"));
			properties.put("spring.datasource.username", "postgres");
			properties.put("herald.notifications.dispatch.lease", "10s");
			try (HeraldProcess herald = HeraldProcess.start(properties)) {
				out.printf(Locale.ROOT, "  herald in its own JVM (pid %d) on port %d; PostgreSQL (pid %s) on port %d%n",
						herald.pid(), herald.port(), postgres.postmaster().map(p -> Long.toString(p.pid())).orElse("?"),
						postgres.port());
				return chaos(postgres, herald, sink);
			}
		}
	}

	private String chaos(KillablePostgres postgres, HeraldProcess herald, WebhookSink sink) throws Exception {
		HeraldClient client = new HeraldClient(herald.port());
		HeraldClient.Merchant merchant = client.createMerchant(herald.adminKey(), "Chaos", sink.url("/chaos"));
		sink.verifyWith(merchant.webhookSecret());
		HeraldClient.Station station = client.createStation(herald.adminKey(), "Chaos");
		List<UUID> ids = new ArrayList<>(orders);
		for (int from = 0; from < orders; from += 500) {
			List<String> numbers = IntStream.range(from, Math.min(orders, from + 500)).mapToObj(i -> "C-" + i).toList();
			ids.addAll(client.placeOrders(merchant.apiKey(), numbers,
					i -> new double[] { (HeraldClient.LAT_MIN + HeraldClient.LAT_MAX) / 2,
							(HeraldClient.LON_MIN + HeraldClient.LON_MAX) / 2 }));
		}
		List<String> orderIds = ids.stream().map(UUID::toString).toList();
		out.printf(Locale.ROOT, "  %d orders placed%n", ids.size());

		long maxRecoveryMillis = 0;
		int done = 0;
		long started = System.nanoTime();
		SteadyReports load = new SteadyReports(herald.port(), station.apiKey(), orderIds, connections,
				Duration.ofMillis(pauseMillis), Duration.ofSeconds(5)).start();
		Probe probe = new Probe(herald.port(), merchant.apiKey(), ids.get(0));
		try {
			for (int cycle = 1; cycle <= cycles; cycle++) {
				int before = load.accepted().size();
				await("reports flow before cycle " + cycle, () -> load.accepted().size() >= before + 100);
				int refusedBefore = load.refused();
				postgres.kill();
				long killed = System.nanoTime();
				Thread.sleep(downSeconds * 1000L);
				postgres.restart();
				long ready = System.nanoTime();
				await("a 2xx after restart " + cycle, () -> load.lastAccepted() > ready || probe.lastOk() > ready);
				long firstOk = load.lastAccepted() > ready && (probe.lastOk() <= ready || load.lastAccepted() < probe.lastOk())
						? load.lastAccepted() : probe.lastOk();
				long recoveryMillis = (firstOk - ready) / 1_000_000;
				maxRecoveryMillis = Math.max(maxRecoveryMillis, recoveryMillis);
				done = cycle;
				out.printf(Locale.ROOT,
						"  cycle %2d: down %.1f s (kill to accepting connections, crash recovery included), first 2xx %d ms later; %d refused meanwhile, %d accepted so far%n",
						cycle, BenchMain.seconds(ready - killed), recoveryMillis, load.refused() - refusedBefore,
						load.accepted().size());
				if (load.started() >= orderIds.size()) {
					out.println("  out of orders: stopping early (raise --orders)");
					break;
				}
			}
		}
		finally {
			probe.close();
			load.close();
		}
		double seconds = BenchMain.seconds(System.nanoTime() - started);
		return verdict(postgres, sink, load, ids, done, maxRecoveryMillis, seconds);
	}

	private String verdict(KillablePostgres postgres, WebhookSink sink, SteadyReports load, List<UUID> ids, int done,
			long maxRecoveryMillis, double seconds) throws Exception {
		String url = postgres.jdbcUrl("herald");
		await("the outbox drains (every notification SENT, no lease left)", () -> single(url,
				"select count(*) from notification where status <> 'SENT' or locked_until is not null") == 0);
		Set<UUID> accepted = new HashSet<>();
		load.accepted().forEach(i -> accepted.add(ids.get(i)));
		Set<UUID> stored = new HashSet<>();
		try (Connection c = DriverManager.getConnection(url, "postgres", "");
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select id from customer_order where stocking_status <> 'PENDING'")) {
			while (rs.next()) {
				stored.add(rs.getObject(1, UUID.class));
			}
		}
		// every report refused with 503 was sent again until accepted: what is stored is what was accepted
		long notStored = accepted.stream().filter(id -> !stored.contains(id)).count();
		long storedUnanswered = stored.stream().filter(id -> !accepted.contains(id)).count();
		// a row is marked SENT only after the receiver answered: with the outbox drained, every webhook has arrived
		long notArrived = accepted.stream().filter(id -> sink.orderArrival(id) == null).count();
		long lost = notStored + notArrived;
		long duplicated = sink.keys().size() - sink.distinctOrders();
		out.printf(Locale.ROOT,
				"delivery: %d reports accepted in %.0f s (%.0f/s), refusals %s, unexpected answers %d, slowest answer %d ms;"
						+ " stored %d (%d accepted but not stored, %d stored but never answered 2xx); webhooks %d for %d orders"
						+ " (%d re-sent with the same id), %d bad signatures, %d unreadable%n",
				accepted.size(), seconds, accepted.size() / seconds, load.refusals(), load.unexpected().size(),
				load.slowestAnswer().toMillis(), stored.size(), notStored, storedUnanswered, sink.received(),
				sink.distinctOrders(), sink.repeatedKeys(), sink.badSignatures(), sink.unreadable());
		load.unexpected().stream().limit(10).forEach(u -> out.println("  unexpected: " + u));
		return String.format(Locale.ROOT, "chaos: cycles=%d accepted=%d lost=%d duplicated=%d max_recovery_ms=%d", done,
				accepted.size(), lost, duplicated, maxRecoveryMillis);
	}

	/**
	 * Reads one order every 100 ms, so that the recovery is measured on Herald, not on the reporting clients, which
	 * wait out the Retry-After of their last refusal before they send again.
	 */
	private static final class Probe implements AutoCloseable {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		private final AtomicLong lastOk = new AtomicLong();

		private final Thread thread;

		private volatile boolean running = true;

		Probe(int port, String key, UUID orderId) {
			HttpRequest read = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orders/" + orderId))
				.header("Authorization", "Bearer " + key)
				.timeout(SteadyReports.HANG)
				.build();
			thread = new Thread(() -> {
				while (running) {
					try {
						if (http.send(read, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
							lastOk.set(System.nanoTime());
						}
						Thread.sleep(100);
					}
					catch (InterruptedException e) {
						return;
					}
					catch (Exception e) {
						// not answering: the next look tells
					}
				}
			}, "chaos-probe");
			thread.setDaemon(true);
			thread.start();
		}

		/** nanoTime of the last 200. */
		long lastOk() {
			return lastOk.get();
		}

		@Override
		public void close() throws InterruptedException {
			running = false;
			thread.join(Duration.ofSeconds(40).toMillis());
		}

	}

	private static long single(String url, String sql) {
		try (Connection c = DriverManager.getConnection(url, "postgres", "");
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException e) {
			return -1;
		}
	}

	/** Waits up to three minutes for the condition, checking every 20 ms. */
	private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("timed out waiting until " + what);
			}
			Thread.sleep(20);
		}
	}

}
