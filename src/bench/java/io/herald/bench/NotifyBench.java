package io.herald.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * <p>Herald runs in this JVM on a fresh embedded PostgreSQL with the webhook and SMS channels, the merchant's webhook
 * on a loopback receiver that verifies every signature ({@link WebhookSink}) and the SMS provider a loopback fake that
 * accepts every message at once ({@link SmsSink}). Orders carry a phone number and no email, so the customer's
 * channel is SMS. Both receivers record each message's idempotency key (webhook-id, Idempotency-Key), which is
 * {@code msg_<delivery id>}: Herald's delivery table maps it to the order.
 *
 * <ol>
 * <li>Saturation: N reports as fast as several clients can post them (batch endpoint); {@code msgs_per_s} is the
 * messages received on both channels over the time from the first report accepted to the last message received.</li>
 * <li>Half load: reports at half the saturation report rate on a fixed schedule (open loop). {@code p99_ms} is Herald's
 * own event-to-send time (sent_at - event_occurred_at of the delivery rows, both channels); report accepted (HTTP
 * response) to message received is printed beside it, per channel.</li>
 * <li>Crash: a second Herald node, a child JVM on the same database with a short dispatch lease, takes a burst of
 * reports while this node's dispatcher is paused, and is killed (SIGKILL) when the receivers have seen a share of the
 * burst's messages. This node then resumes and sends the rest: deliveries the dead node had claimed come back when
 * their lease ends, and those it sent but had not yet marked are sent again under the same key.</li>
 * </ol>
 *
 * {@code lost} and {@code duplicated} count over the whole run, per accepted event (an order whose stocking status is
 * no longer PENDING in the database, whether or not its HTTP response arrived) and per channel: lost is an event with
 * no message at that channel's receiver, duplicated one with more than one distinct key there. A message received
 * again under the same key is printed as "re-sent (same id)": receivers deduplicate it, so it is allowed.
 *
 * <p>Herald, PostgreSQL, the load generator and both receivers share the machine (the second node too in the crash
 * phase), so the figures are for the whole loop on that machine, not for Herald alone.
 */
public final class NotifyBench implements BenchMain.Benchmark {

	/** The receivers by Herald's channel name, as in notification_delivery.channel. */
	private final Map<String, LoopbackSink> sinks = new LinkedHashMap<>();

	private final PrintStream out;

	private final int reports;

	private final int clients;

	private final int batch;

	private final int halfSeconds;

	private final int tickMs;

	private final int crashReports;

	private final int killAtPct;

	private final int leaseSeconds;

	private final int stallSeconds;

	private HeraldProcess herald;

	private WebhookSink webhooks;

	private SmsSink sms;

	private StockingLoad load;

	/** Every order placed in the run. */
	private final List<UUID> placed = new ArrayList<>();

	private NotifyBench(PrintStream out, BenchOptions options) {
		this.out = out;
		this.reports = options.integer("reports", 10_000, "stocking reports in the saturation phase");
		this.clients = options.integer("clients", 4, "concurrent clients for saturation, the burst and order intake");
		this.batch = options.integer("batch", 200, "reports per request (max 1000)");
		this.halfSeconds = options.integer("half-seconds", 20, "duration of the half-load phase");
		this.tickMs = options.integer("tick-ms", 10, "half load: every tick posts one request with the reports due");
		this.crashReports = options.integer("crash-reports", 1_000,
				"reports in the burst sent to the node that is killed");
		this.killAtPct = options.integer("kill-at-pct", 30,
				"kill that node when the receivers have this share of the burst's messages");
		this.leaseSeconds = options.integer("lease-s", 2, "dispatch lease of the killed node");
		this.stallSeconds = options.integer("stall-s", 60,
				"stop waiting for messages after this long without a new one (the rest count as lost)");
		BenchMain.require(reports >= 1 && clients >= 1 && halfSeconds >= 1 && tickMs >= 1 && crashReports >= 1
				&& leaseSeconds >= 1 && stallSeconds >= 1, "every option must be at least 1");
		BenchMain.require(batch >= 1 && batch <= 1000, "--batch must be between 1 and 1000 (Herald's batch limit)");
		BenchMain.require(killAtPct >= 1 && killAtPct <= 99, "--kill-at-pct must be between 1 and 99");
	}

	public static void main(String[] args) {
		BenchMain.run("notify", args, NotifyBench::new);
	}

	/** Runs all phases and returns the summary line. */
	@Override
	public String run() throws Exception {
		double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		out.printf(Locale.ROOT, "notify benchmark: %d cores, %d reports, %d clients, batches of %d; webhook + SMS%n",
				Runtime.getRuntime().availableProcessors(), reports, clients, batch);
		webhooks = WebhookSink.start(32, 0);
		sms = SmsSink.start(32, 0);
		sinks.put("WEBHOOK", webhooks);
		sinks.put("SMS", sms);
		long t = System.nanoTime();
		// the two channels measured, and the live channel as in production: it records every change for the tracking
		// pages and copies each SMS to the order's live stream (a third delivery row, not counted as a message here)
		herald = HeraldProcess.start(Map.of("herald.notifications.channels", "webhook,sms,live",
				"herald.notifications.sms.base-url", sms.url("")));
		try {
			out.printf(Locale.ROOT, "  herald started in its own JVM (pid %d) in %.1f s on port %d (embedded PostgreSQL in %s)%n",
					herald.pid(), seconds(System.nanoTime() - t), herald.port(), herald.database().dataDirectory());
			load = new StockingLoad(out, herald, webhooks, clients);

			Saturation saturation = saturation();
			double p99 = halfLoad(saturation.reportsPerSecond() / 2);
			crash(saturation.messagesPerReport());

			List<UUID> events = accepted(placed);
			Tally total = tally("whole run", events);
			out.printf(Locale.ROOT,
					"  receivers: %d webhooks (%d bad signatures, %d unreadable), %d SMS (%d malformed); %d requests without a key, %d keys of no accepted report%n",
					webhooks.received(), webhooks.badSignatures(), webhooks.unreadable(), sms.received(),
					sms.malformed(), webhooks.withoutKey() + sms.withoutKey(), strangers(events));
			HeraldDatabase.DeliveryRows rows = herald.database().deliveryRows();
			out.printf(Locale.ROOT, "  herald's delivery rows: %s, %d needed more than one attempt%n", rows.byStatus(),
					rows.retried());
			// work of others on a shared machine shows here, on top of this run's own
			out.printf(Locale.ROOT, "  machine load average (1 min): %.1f at the start, %.1f at the end%n", loadAtStart,
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
			return String.format(Locale.ROOT, "notify: msgs_per_s=%d p99_ms=%d lost=%d duplicated=%d",
					Math.round(saturation.messagesPerSecond()), Math.round(p99), total.lost(), total.duplicated());
		}
		finally {
			// closed before the summary is printed, so that nothing follows it
			herald.close();
			webhooks.close();
			sms.close();
		}
	}

	// -- 1. saturation --------------------------------------------------------------------------------------------

	/**
	 * @param messagesPerSecond messages received on both channels, first report accepted to last message
	 * @param reportsPerSecond reports both accepted and notified: the slower of accepting and notifying
	 * @param messagesPerReport messages Herald planned per accepted report
	 */
	private record Saturation(double messagesPerSecond, double reportsPerSecond, double messagesPerReport) {
	}

	private Saturation saturation() throws Exception {
		List<UUID> orders = placeOrders("S", reports);
		PhaseMeter meter = new PhaseMeter(herald);
		PhaseMeter.Snapshot cpu = meter.snapshot();
		StockingLoad.ClosedLoop run = load.closedLoop(load.api(), orders, batch);
		run.print(out);
		List<UUID> accepted = accepted(orders);
		Arrivals arrivals = awaitMessages("saturation", accepted);
		out.printf(Locale.ROOT, "  cores from the first report until every message arrived: %s%n", meter.since(cpu).cores());
		double messagesPerReport = arrivals.planned().size() / (double) accepted.size();
		double reportsPerSecond = Math.min(run.rate(), arrivals.perSecond() / messagesPerReport);
		out.printf(Locale.ROOT,
				"saturation: %.0f messages/s through both channels end to end (%.2f per report: %.0f reports/s accepted and notified; accepting alone %.0f/s)%n",
				arrivals.perSecond(), messagesPerReport, reportsPerSecond, run.rate());
		return new Saturation(arrivals.perSecond(), reportsPerSecond, messagesPerReport);
	}

	// -- 2. half load ---------------------------------------------------------------------------------------------

	/** Reports at {@code rate} per second on a fixed schedule; returns Herald's event-to-send p99 in ms. */
	private double halfLoad(double rate) throws Exception {
		int count = (int) Math.max(1, Math.round(rate * halfSeconds));
		List<UUID> orders = placeOrders("H", count);
		StockingLoad.OpenLoop run = load.openLoop(orders, rate, tickMs, batch);
		Arrivals arrivals = awaitMessages("half load", accepted(orders));
		out.println("half load: " + run);
		double[] both = herald.database().eventToSentMillis(orders, "WEBHOOK", "SMS");
		out.println("  inside herald, stocking event -> message sent (sent_at - event_occurred_at):");
		for (String channel : sinks.keySet()) {
			double[] sent = herald.database().eventToSentMillis(orders, channel);
			out.printf(Locale.ROOT, "    %-8s p50=%.0f ms p99=%.0f ms%n", label(channel), sent[0], sent[1]);
		}
		out.printf(Locale.ROOT, "    %-8s p50=%.0f ms p99=%.0f ms%n", "both", both[0], both[1]);
		out.println("  at the receivers, report accepted (HTTP response) -> message received:");
		List<Long> all = new ArrayList<>();
		for (String channel : sinks.keySet()) {
			List<Long> latencies = new ArrayList<>();
			int early = 0;
			for (Planned message : arrivals.planned()) {
				if (!message.channel().equals(channel)) {
					continue;
				}
				Long accepted = load.acceptedAt(message.orderId());
				LoopbackSink.Arrival arrival = sinks.get(channel).arrival(message.key());
				if (accepted != null && arrival != null) {
					// negative: Herald sent before the station's HTTP response was read, no wait for the customer
					early += arrival.firstNanos < accepted ? 1 : 0;
					latencies.add(Math.max(0, arrival.firstNanos - accepted));
				}
			}
			all.addAll(latencies);
			out.printf(Locale.ROOT, "    %-8s %s (%d before the HTTP response)%n", label(channel),
					new Latencies(latencies), early);
		}
		out.printf(Locale.ROOT, "    %-8s %s%n", "both", new Latencies(all));
		out.printf(Locale.ROOT, "  stocking request round trip: %s%n", run.roundTrips());
		out.printf(Locale.ROOT, "  cpu while sending: %s%n", run.cpu());
		if (run.firstError() != null) {
			out.println("  first refusal: " + run.firstError());
		}
		return both[1];
	}

	// -- 3. crash -------------------------------------------------------------------------------------------------

	/** A burst of reports to a second node, killed while it sends; then this node finishes. */
	private void crash(double messagesPerReport) throws Exception {
		List<UUID> orders = placeOrders("C", crashReports);
		long t = System.nanoTime();
		HeraldProcess node = herald.startAnother(Map.of("herald.notifications.dispatch.lease", leaseSeconds + "s"));
		try {
			out.printf(Locale.ROOT,
					"crash: second node (pid %d) started in %.1f s on port %d, same database, dispatch lease %d s; this node's dispatcher paused%n",
					node.pid(), seconds(System.nanoTime() - t), node.port(), leaseSeconds);
			herald.pauseDispatch();
			long expected = Math.round(crashReports * messagesPerReport);
			long killAt = (long) Math.ceil(expected * killAtPct / 100.0);
			long before = received();
			ExecutorService poster = Executors.newSingleThreadExecutor();
			long start = System.nanoTime();
			StockingLoad.ClosedLoop burst;
			long seen;
			long killed;
			try {
				Future<StockingLoad.ClosedLoop> posting = poster
					.submit(() -> load.closedLoop(new HeraldClient(node.port()), orders, batch));
				long deadline = start + TimeUnit.SECONDS.toNanos(stallSeconds);
				while (received() - before < killAt && System.nanoTime() < deadline) {
					Thread.sleep(1);
				}
				node.kill();
				killed = System.nanoTime();
				seen = received() - before;
				burst = posting.get();
			}
			finally {
				poster.shutdownNow();
			}
			herald.resumeDispatch();
			out.printf(Locale.ROOT,
					"  killed it (SIGKILL) %.2f s into the burst, when the receivers had %d of its ~%d messages (%.0f%%); its clients got %d reports accepted, %d refused or cut off%n",
					seconds(killed - start), seen, expected, 100.0 * seen / expected, burst.accepted(),
					burst.refused());
			if (burst.firstError() != null) {
				out.println("  first refusal: " + burst.firstError());
			}
			List<UUID> accepted = accepted(orders);
			out.printf(Locale.ROOT, "  %d of the %d reports are accepted in the database (%d of them unanswered)%n",
					accepted.size(), crashReports, accepted.stream().filter(id -> load.acceptedAt(id) == null).count());
			awaitMessages("after the crash", accepted);
			out.printf(Locale.ROOT,
					"  the last message arrived %.1f s after the kill; %d deliveries were claimed more than once (the dead node's leases)%n",
					seconds(Math.max(webhooks.lastArrivalNanos(), sms.lastArrivalNanos()) - killed),
					herald.database().reclaimed(accepted));
			tally("crash burst", accepted);
		}
		finally {
			node.close();
		}
	}

	// -- arrivals and totals --------------------------------------------------------------------------------------

	/** One message Herald planned: its delivery row's key, order and channel. */
	private record Planned(String key, UUID orderId, String channel) {
	}

	/**
	 * @param planned the messages about the phase's accepted reports
	 * @param perSecond distinct messages received per second, first report accepted to last message received
	 */
	private record Arrivals(List<Planned> planned, double perSecond) {
	}

	/** Waits until every message planned for these accepted reports has arrived, or until arrivals stall. */
	private Arrivals awaitMessages(String phase, List<UUID> accepted) throws Exception {
		List<Planned> planned = planned(accepted);
		List<Planned> missing = StockingLoad.awaitArrivals(planned,
				m -> sinks.containsKey(m.channel()) && sinks.get(m.channel()).arrival(m.key()) != null, this::received,
				stallSeconds);
		long first = load.firstAccepted(accepted);
		int arrivedInAll = 0;
		long last = first;
		for (Map.Entry<String, LoopbackSink> sink : sinks.entrySet()) {
			int expected = (int) planned.stream().filter(m -> m.channel().equals(sink.getKey())).count();
			int arrived = expected - (int) missing.stream().filter(m -> m.channel().equals(sink.getKey())).count();
			double span = seconds(sink.getValue().lastArrivalNanos() - first);
			out.printf(Locale.ROOT,
					"  %s: %d of %d %s arrived, the last %.1f s after the first report was accepted (%.0f/s)%n",
					phase, arrived, expected, label(sink.getKey()), span, arrived / span);
			arrivedInAll += arrived;
			last = Math.max(last, sink.getValue().lastArrivalNanos());
		}
		if (planned.size() != 2 * accepted.size()) {
			out.printf(Locale.ROOT,
					"  herald planned %d messages for %d reports, expected one webhook and one SMS each%n",
					planned.size(), accepted.size());
		}
		if (!missing.isEmpty()) {
			out.printf(Locale.ROOT, "  gave up on %d messages after %d s without progress%n", missing.size(),
					stallSeconds);
		}
		return new Arrivals(planned, arrivedInAll / seconds(last - first));
	}

	/**
	 * @param lost events without a message on a channel, summed over the channels
	 * @param duplicated events with more than one distinct key on a channel, summed over the channels
	 */
	private record Tally(long lost, long duplicated) {
	}

	/** Counts and prints, per channel, what became of these accepted events at the receivers. */
	private Tally tally(String what, List<UUID> events) throws Exception {
		Map<String, Map<UUID, List<String>>> keys = new HashMap<>();
		for (Planned message : planned(events)) {
			keys.computeIfAbsent(message.channel(), c -> new HashMap<>())
				.computeIfAbsent(message.orderId(), o -> new ArrayList<>())
				.add(message.key());
		}
		StringBuilder line = new StringBuilder();
		long lost = 0, duplicated = 0;
		for (Map.Entry<String, LoopbackSink> sink : sinks.entrySet()) {
			Map<UUID, List<String>> byOrder = keys.getOrDefault(sink.getKey(), Map.of());
			long channelLost = 0, channelDuplicated = 0, resent = 0;
			for (UUID event : events) {
				int distinct = 0;
				for (String key : byOrder.getOrDefault(event, List.of())) {
					LoopbackSink.Arrival arrival = sink.getValue().arrival(key);
					if (arrival != null) {
						distinct++;
						resent += arrival.count.get() - 1;
					}
				}
				channelLost += distinct == 0 ? 1 : 0;
				channelDuplicated += distinct > 1 ? 1 : 0;
			}
			line.append(String.format(Locale.ROOT, "; %s %d lost, %d duplicated, %d re-sent (same id)",
					label(sink.getKey()), channelLost, channelDuplicated, resent));
			lost += channelLost;
			duplicated += channelDuplicated;
		}
		out.printf(Locale.ROOT, "%s: %d events (reports accepted in the database)%s%n", what, events.size(), line);
		return new Tally(lost, duplicated);
	}

	/** Keys received that belong to none of the messages planned for these events. */
	private long strangers(List<UUID> events) throws Exception {
		Set<String> known = new HashSet<>();
		planned(events).forEach(m -> known.add(m.key()));
		return sinks.values().stream().flatMap(s -> s.keys().stream()).filter(k -> !known.contains(k)).count();
	}

	/** The STOCKED messages Herald planned about these orders, from its delivery table. */
	private List<Planned> planned(Collection<UUID> orders) throws Exception {
		List<Planned> planned = new ArrayList<>();
		try (Connection c = herald.database().dataSource().getConnection();
				PreparedStatement s = c.prepareStatement("""
						select id, order_id, channel from notification_delivery
						where order_id = any(?) and kind = 'STOCKED' and channel in ('WEBHOOK', 'SMS')""")) {
			s.setArray(1, c.createArrayOf("uuid", orders.toArray()));
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					// Message.webhookId(): the webhook-id header and the SMS reference / Idempotency-Key
					planned.add(new Planned("msg_" + rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
							rs.getString(3)));
				}
			}
		}
		return planned;
	}

	/** The orders whose stocking report Herald accepted, as its database says (in the given order). */
	private List<UUID> accepted(List<UUID> orders) throws Exception {
		return herald.database().stockingReported(orders);
	}

	private List<UUID> placeOrders(String series, int count) throws Exception {
		List<UUID> orders = load.placeOrders(series, count);
		placed.addAll(orders);
		return orders;
	}

	/** Requests received by both receivers, repeats included. */
	private long received() {
		return webhooks.received() + sms.received();
	}

	private static String label(String channel) {
		return channel.equals("WEBHOOK") ? "webhooks" : channel;
	}

}
