package io.herald.bench;

import java.io.PrintStream;
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

/**
 * The receivers of the notify benchmark: a webhook and an SMS per accepted report. Both record each message's
 * idempotency key (webhook-id, Idempotency-Key), which is {@code msg_<delivery id>}, so Herald's delivery table maps
 * every message received back to its order and channel.
 *
 * <p>A report counts as accepted when Herald's database says so (its order's stocking status is no longer PENDING),
 * whether or not its HTTP response arrived: a node killed after the commit owes the messages all the same.
 */
final class NotifyReceipts implements Receipts {

	/** One message Herald planned: its delivery row's key, order and channel. */
	record Planned(String key, UUID orderId, String channel) {
	}

	/**
	 * @param lost events without a message on a channel, summed over the channels
	 * @param duplicated events with more than one distinct key on a channel, summed over the channels
	 */
	record Tally(long lost, long duplicated) {
	}

	private final PrintStream out;

	private final StockingLoad load;

	private final HeraldDatabase database;

	/** The receivers by Herald's channel name, as in notification.channel. */
	private final Map<String, LoopbackSink> sinks = new LinkedHashMap<>();

	private final int stallSeconds;

	NotifyReceipts(PrintStream out, StockingLoad load, WebhookSink webhooks, SmsSink sms, int stallSeconds)
			throws Exception {
		this.out = out;
		this.load = load;
		this.database = load.herald().database();
		this.sinks.put("WEBHOOK", webhooks);
		this.sinks.put("SMS", sms);
		this.stallSeconds = stallSeconds;
	}

	@Override
	public Arrivals await(String phase, List<UUID> orders) throws Exception {
		List<UUID> accepted = database.stockingReported(orders);
		List<Planned> planned = planned(accepted);
		List<Planned> missing = StockingLoad.awaitArrivals(planned, m -> arrival(m) != null, this::received,
				stallSeconds);
		long first = load.firstAccepted(accepted);
		long last = first;
		for (Map.Entry<String, LoopbackSink> sink : sinks.entrySet()) {
			List<Planned> ofChannel = planned.stream().filter(m -> m.channel().equals(sink.getKey())).toList();
			long lastOfChannel = ofChannel.stream().map(this::arrival).filter(a -> a != null)
				.mapToLong(a -> a.firstNanos).max().orElse(first);
			long arrived = ofChannel.size() - missing.stream().filter(m -> m.channel().equals(sink.getKey())).count();
			double span = BenchMain.seconds(lastOfChannel - first);
			out.printf(Locale.ROOT,
					"%s: %d of %d %s arrived, the last %.1f s after the first report was accepted (%.0f/s)%n", phase,
					arrived, ofChannel.size(), label(sink.getKey()), span, arrived / span);
			last = Math.max(last, lastOfChannel);
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
		return new Arrivals(accepted.size(), planned.size(), planned.size() - missing.size(),
				BenchMain.seconds(last - first));
	}

	@Override
	public List<Long> latencies(List<UUID> orders) throws Exception {
		return latencies(planned(orders), null);
	}

	/** Report accepted (HTTP response) to message received, per message of one channel (null: all). */
	private List<Long> latencies(List<Planned> planned, String channel) {
		List<Long> latencies = new ArrayList<>();
		for (Planned message : planned) {
			Long accepted = load.acceptedAt(message.orderId());
			LoopbackSink.Arrival arrival = arrival(message);
			if ((channel == null || message.channel().equals(channel)) && accepted != null && arrival != null) {
				// negative: Herald sent before the station's HTTP response was read, no wait for the customer
				latencies.add(Math.max(0, arrival.firstNanos - accepted));
			}
		}
		return latencies;
	}

	/** Prints, per channel, Herald's event-to-send time and the receivers' latency for these orders. */
	void printByChannel(List<UUID> orders) throws Exception {
		List<Planned> planned = planned(orders);
		for (String channel : sinks.keySet()) {
			double[] sent = database.eventToSentMillis(orders, channel);
			out.printf(Locale.ROOT, "    %-8s inside herald event -> sent p50=%.0f ms p99=%.0f ms; accepted -> received %s%n",
					label(channel), sent[0], sent[1], new Latencies(latencies(planned, channel)));
		}
	}

	@Override
	public String[] channels() {
		return sinks.keySet().toArray(String[]::new);
	}

	@Override
	public String noun() {
		return "messages";
	}

	/** Counts and prints, per channel, what became of these accepted events at the receivers. */
	Tally tally(String what, List<UUID> events) throws Exception {
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
	long strangers(List<UUID> events) throws Exception {
		Set<String> known = new HashSet<>();
		planned(events).forEach(m -> known.add(m.key()));
		return sinks.values().stream().flatMap(s -> s.keys().stream()).filter(k -> !known.contains(k)).count();
	}

	/** The STOCKED messages Herald planned about these orders, from its delivery table. */
	List<Planned> planned(Collection<UUID> orders) throws Exception {
		List<Planned> planned = new ArrayList<>();
		try (Connection c = database.dataSource().getConnection();
				PreparedStatement s = c.prepareStatement("""
						select id, order_id, channel from notification
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

	private LoopbackSink.Arrival arrival(Planned message) {
		LoopbackSink sink = sinks.get(message.channel());
		return sink == null ? null : sink.arrival(message.key());
	}

	/** Requests received by both receivers, repeats included. */
	long received() {
		return sinks.values().stream().mapToLong(LoopbackSink::received).sum();
	}

	/** The latest arrival at either receiver (nanoTime). */
	long lastArrivalNanos() {
		return sinks.values().stream().mapToLong(LoopbackSink::lastArrivalNanos).max().orElse(0);
	}

	static String label(String channel) {
		return channel.equals("WEBHOOK") ? "webhooks" : channel;
	}

}
