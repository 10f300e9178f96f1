package io.herald.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * What the soak expects and what arrived. Every report Herald accepts (a stocking report, a stop outcome) owes one
 * webhook to the merchant and, unless Herald's policy skipped it (the hourly limit), one message to the customer, by
 * email or SMS. Which messages those are is read from Herald's notification table soon after the report was accepted
 * (they are written in the report's own transaction), long before retention can delete them; the receivers record
 * every message by its {@code msg_<id>} key. Lost: an expected message of which no copy arrived. Duplicated: a report
 * whose webhook, or whose customer message, arrived under more than one key (a copy under the same key is a re-send
 * that receivers deduplicate, counted apart).
 */
final class SoakLedger {

	/** One accepted report and the messages Herald planned for it. */
	static final class Report {

		final UUID orderId;

		final String kind;

		final long acceptedNanos;

		final List<String> webhookKeys = new ArrayList<>();

		final List<String> customerKeys = new ArrayList<>();

		volatile boolean read;

		Report(UUID orderId, String kind, long acceptedNanos) {
			this.orderId = orderId;
			this.kind = kind;
			this.acceptedNanos = acceptedNanos;
		}

	}

	/** Totals over the whole run. */
	record Tally(long reports, long expected, long lost, long duplicated, long resent, long skippedByPolicy) {
	}

	private final HeraldDatabase database;

	private final Function<String, LoopbackSink.Arrival> webhooks;

	private final List<Function<String, LoopbackSink.Arrival>> customerReceivers;

	private final Map<String, Report> reports = new ConcurrentHashMap<>();

	private final Queue<Report> unread = new ConcurrentLinkedQueue<>();

	SoakLedger(HeraldDatabase database, Function<String, LoopbackSink.Arrival> webhooks,
			List<Function<String, LoopbackSink.Arrival>> customerReceivers) {
		this.database = database;
		this.webhooks = webhooks;
		this.customerReceivers = customerReceivers;
	}

	void accepted(UUID orderId, String kind, long nanos) {
		Report report = new Report(orderId, kind, nanos);
		if (reports.putIfAbsent(orderId + "/" + kind, report) == null) {
			unread.add(report);
		}
	}

	/** Reads the planned messages of the reports accepted since the last call (a second or so ago). */
	void readPlanned() throws Exception {
		List<Report> batch = new ArrayList<>();
		Report next;
		while (batch.size() < 5_000 && (next = unread.poll()) != null) {
			batch.add(next);
		}
		if (batch.isEmpty()) {
			return;
		}
		Map<String, Report> byKey = new ConcurrentHashMap<>();
		batch.forEach(r -> byKey.put(r.orderId + "/" + r.kind, r));
		try (Connection c = database.dataSource().getConnection();
				PreparedStatement s = c.prepareStatement("""
						select id, order_id, kind, channel from notification
						where order_id = any(?) and channel in ('WEBHOOK', 'EMAIL', 'SMS')
						  and status not in ('STANDBY', 'SKIPPED')
						  and kind in ('STOCKED', 'STOCKING_FAILED', 'DELIVERED', 'DELIVERY_FAILED')""")) {
			s.setArray(1, c.createArrayOf("uuid", batch.stream().map(r -> r.orderId).distinct().toArray()));
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					Report report = byKey.get(rs.getObject(2, UUID.class) + "/" + rs.getString(3));
					if (report != null) {
						String key = "msg_" + rs.getObject(1, UUID.class);
						(rs.getString(4).equals("WEBHOOK") ? report.webhookKeys : report.customerKeys).add(key);
					}
				}
			}
		}
		batch.forEach(r -> r.read = true);
	}

	/**
	 * Report accepted -> its webhook received, for the reports accepted between these two instants (nanoTime); a
	 * webhook still missing counts with the time waited so far, so a stall shows rather than hides.
	 */
	Latencies latencies(long from, long to) {
		long now = System.nanoTime();
		List<Long> nanos = new ArrayList<>();
		for (Report report : reports.values()) {
			if (report.acceptedNanos < from || report.acceptedNanos >= to || !report.read) {
				continue;
			}
			long first = Long.MAX_VALUE;
			for (String key : report.webhookKeys) {
				LoopbackSink.Arrival arrival = webhooks.apply(key);
				if (arrival != null) {
					first = Math.min(first, arrival.firstNanos);
				}
			}
			nanos.add(Math.max(0, (first == Long.MAX_VALUE ? now : first) - report.acceptedNanos));
		}
		return new Latencies(nanos);
	}

	/** Expected messages that have not arrived yet (reports not yet read count as one each). */
	long missing() {
		long missing = 0;
		for (Report report : reports.values()) {
			if (!report.read) {
				missing++;
				continue;
			}
			missing += arrived(report.webhookKeys, List.of(webhooks)) == 0 ? 1 : 0;
			missing += !report.customerKeys.isEmpty() && arrived(report.customerKeys, customerReceivers) == 0 ? 1 : 0;
		}
		return missing;
	}

	Tally tally() {
		long expected = 0, lost = 0, duplicated = 0, resent = 0, skipped = 0;
		for (Report report : reports.values()) {
			expected++;
			int webhooksArrived = arrived(report.webhookKeys, List.of(webhooks));
			lost += webhooksArrived == 0 ? 1 : 0;
			duplicated += webhooksArrived > 1 ? 1 : 0;
			if (report.customerKeys.isEmpty()) {
				skipped++;
			}
			else {
				expected++;
				int customerArrived = arrived(report.customerKeys, customerReceivers);
				lost += customerArrived == 0 ? 1 : 0;
				duplicated += customerArrived > 1 ? 1 : 0;
			}
			resent += repeats(report.webhookKeys, List.of(webhooks)) + repeats(report.customerKeys, customerReceivers);
		}
		return new Tally(reports.size(), expected, lost, duplicated, resent, skipped);
	}

	/** How many of these keys arrived at any of the receivers. */
	private static int arrived(List<String> keys, List<Function<String, LoopbackSink.Arrival>> receivers) {
		int arrived = 0;
		for (String key : keys) {
			if (receivers.stream().anyMatch(r -> r.apply(key) != null)) {
				arrived++;
			}
		}
		return arrived;
	}

	private static long repeats(List<String> keys, List<Function<String, LoopbackSink.Arrival>> receivers) {
		long repeats = 0;
		for (String key : keys) {
			for (Function<String, LoopbackSink.Arrival> receiver : receivers) {
				LoopbackSink.Arrival arrival = receiver.apply(key);
				repeats += arrival == null ? 0 : arrival.count.get() - 1;
			}
		}
		return repeats;
	}

}
