package io.herald.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The receipts of loop and kafka: one webhook per accepted report, found by the order id in its payload. A report
 * counts as accepted as {@link StockingLoad#accepted} was told: at its HTTP response, or (kafka) when it was handed to
 * the producer, once the broker has acknowledged it.
 *
 * @param sentAs what that moment is called in the output: "accepted", "produced"
 */
record WebhookReceipts(PrintStream out, StockingLoad load, WebhookSink sink, int stallSeconds, String sentAs)
		implements Receipts {

	WebhookReceipts(PrintStream out, StockingLoad load, WebhookSink sink, int stallSeconds) {
		this(out, load, sink, stallSeconds, "accepted");
	}

	@Override
	public Arrivals await(String phase, List<UUID> orders) throws Exception {
		List<UUID> expected = load.acceptedAmong(orders);
		int missing = StockingLoad.awaitArrivals(expected, id -> sink.orderArrival(id) != null, sink::received,
				stallSeconds).size();
		long first = load.firstAccepted(expected);
		long last = expected.stream().map(sink::orderArrival).filter(a -> a != null)
			.mapToLong(a -> a.firstNanos).max().orElse(first);
		Arrivals arrivals = new Arrivals(expected.size(), expected.size(), expected.size() - missing,
				BenchMain.seconds(last - first));
		out.printf(Locale.ROOT,
				"%s: %d of %d webhooks arrived, the last %.1f s after the first report was %s (%.0f/s)%s%n",
				phase, arrivals.arrived(), arrivals.expected(), arrivals.seconds(), sentAs, arrivals.messagesPerSecond(),
				missing == 0 ? "" : "; gave up after " + stallSeconds + " s without progress");
		return arrivals;
	}

	@Override
	public List<Long> latencies(List<UUID> orders) {
		List<Long> latencies = new ArrayList<>();
		for (UUID id : orders) {
			Long accepted = load.acceptedAt(id);
			LoopbackSink.Arrival arrival = accepted == null ? null : sink.orderArrival(id);
			if (arrival != null) {
				// negative: Herald sent the webhook before the station's HTTP response was read, no wait
				latencies.add(Math.max(0, arrival.firstNanos - accepted));
			}
		}
		return latencies;
	}

	@Override
	public String[] channels() {
		return new String[] { "WEBHOOK" };
	}

	@Override
	public String noun() {
		return "webhooks";
	}

}
