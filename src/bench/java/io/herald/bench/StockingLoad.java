package io.herald.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import static io.herald.bench.BenchMain.seconds;

/**
 * The merchant's and the station's side of the loop benchmarks: places orders (one merchant, one station whose area
 * covers them all), builds the stocking requests about them, and keeps, for every report Herald accepted, the
 * {@link System#nanoTime()} its HTTP response arrived. {@link ClosedLoop} and {@link OpenLoop} send the reports.
 */
final class StockingLoad {

	/** Orders per request while placing them. */
	private static final int ORDER_CHUNK = 500;

	/** Concurrent requests while placing orders (set-up, not measured). */
	private static final int PLACING_CLIENTS = 4;

	private final PrintStream out;

	private final HeraldProcess herald;

	private final HeraldClient api;

	private final HeraldClient.Merchant merchant;

	private final HeraldClient.Station station;

	/** When each accepted report's HTTP response arrived (nanoTime), by order id, over the whole run. */
	private final Map<UUID, Long> acceptedAt = new ConcurrentHashMap<>();

	/** Every order placed in the run, warm-up included. */
	private final List<UUID> placed = new ArrayList<>();

	/** Registers the merchant, with its webhook on {@code webhooks}, and the station. */
	StockingLoad(PrintStream out, HeraldProcess herald, WebhookSink webhooks) {
		this.out = out;
		this.herald = herald;
		this.api = new HeraldClient(herald.port());
		this.merchant = api.createMerchant(herald.adminKey(), "Bench Tea", webhooks.url("/webhooks"));
		webhooks.verifyWith(merchant.webhookSecret());
		this.station = api.createStation(herald.adminKey(), "Bench Andorra la Vella");
	}

	/** The client of {@code herald}, which places every order and takes the reports unless told otherwise. */
	HeraldClient api() {
		return api;
	}

	HeraldProcess herald() {
		return herald;
	}

	/** The merchant's API key (its orders' live streams). */
	String merchantKey() {
		return merchant.apiKey();
	}

	/** The station's API key. */
	String stationKey() {
		return station.apiKey();
	}

	/** One request per report, built now. */
	List<HeraldClient.StockingPost> singleReports(HeraldClient via, List<UUID> orders) {
		return orders.stream().map(id -> via.singleReport(station.apiKey(), id)).toList();
	}

	/** One request per {@code size} reports, built now. */
	List<HeraldClient.StockingPost> batches(HeraldClient via, List<UUID> orders, int size) {
		List<HeraldClient.StockingPost> posts = new ArrayList<>();
		for (int from = 0; from < orders.size(); from += size) {
			posts.add(via.batchReport(station.apiKey(), orders.subList(from, Math.min(orders.size(), from + size))));
		}
		return posts;
	}

	/** Every order placed so far, warm-up included. */
	List<UUID> placed() {
		return Collections.unmodifiableList(placed);
	}

	/** Records that Herald accepted these reports, answered at {@code nanos}. */
	void accepted(Collection<UUID> orders, long nanos) {
		orders.forEach(id -> acceptedAt.put(id, nanos));
	}

	/** When the report about this order was accepted (nanoTime), or null if it was not. */
	Long acceptedAt(UUID orderId) {
		return acceptedAt.get(orderId);
	}

	/** Orders whose report Herald accepted, over the whole run. */
	Set<UUID> accepted() {
		return Collections.unmodifiableSet(acceptedAt.keySet());
	}

	/** The orders among these whose report Herald accepted (HTTP response), in the given order. */
	List<UUID> acceptedAmong(List<UUID> orders) {
		return orders.stream().filter(acceptedAt::containsKey).toList();
	}

	/** The earliest acceptance among these orders; now if none was accepted. */
	long firstAccepted(Collection<UUID> orders) {
		return orders.stream().map(acceptedAt::get).filter(t -> t != null).mapToLong(Long::longValue).min()
			.orElse(System.nanoTime());
	}

	// -- intake (set-up, not part of the loop figures) ------------------------------------------------------------

	/** Places {@code count} orders through the batch endpoint and waits until Herald has digested their events. */
	List<UUID> placeOrders(String series, int count) throws Exception {
		return placeOrders(series, count, null);
	}

	/**
	 * Places orders as {@link #placeOrders(String, int)} does.
	 * @param where the destination ({lat, lon}) of the i-th order, and so its station; null: anywhere in this load's
	 * station's area
	 * @return their ids in that order
	 */
	List<UUID> placeOrders(String series, int count, IntFunction<double[]> where) throws Exception {
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(PLACING_CLIENTS);
		List<Future<List<UUID>>> parts = new ArrayList<>();
		try {
			for (int from = 0; from < count; from += ORDER_CHUNK) {
				int first = from, size = Math.min(ORDER_CHUNK, count - from);
				parts.add(pool.submit(() -> {
					List<String> numbers = new ArrayList<>(size);
					for (int i = 0; i < size; i++) {
						numbers.add(series + "-" + (placed.size() + first + i));
					}
					Random random = new Random(first);
					IntFunction<double[]> anywhere = i -> new double[] {
							HeraldClient.LAT_MIN + 0.001 + random.nextDouble() * (HeraldClient.LAT_MAX - HeraldClient.LAT_MIN - 0.002),
							HeraldClient.LON_MIN + 0.001 + random.nextDouble() * (HeraldClient.LON_MAX - HeraldClient.LON_MIN - 0.002) };
					return api.placeOrders(merchant.apiKey(), numbers,
							where == null ? anywhere : i -> where.apply(first + i));
				}));
			}
			List<UUID> ids = new ArrayList<>(count);
			for (Future<List<UUID>> part : parts) {
				ids.addAll(part.get());
			}
			placed.addAll(ids);
			double placed = seconds(System.nanoTime() - start);
			long settle = System.nanoTime();
			awaitQuiet();
			out.printf(Locale.ROOT,
					"  set-up: placed %d orders in %.1f s (%.0f orders/s, batches of %d); their events settled %.1f s later%n",
					count, placed, count / placed, ORDER_CHUNK, seconds(System.nanoTime() - settle));
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
		while (herald.database().outstandingPublications() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("event publications still outstanding after 5 minutes");
			}
			Thread.sleep(100);
		}
	}

	// -- receiving ------------------------------------------------------------------------------------------------

	/**
	 * Waits until every expected message has arrived, or until {@code received} has not grown for
	 * {@code stallSeconds}; returns the messages that never arrived.
	 */
	static <T> List<T> awaitArrivals(Collection<T> expected, Predicate<T> arrived, LongSupplier received,
			int stallSeconds) throws InterruptedException {
		List<T> waiting = new ArrayList<>(expected);
		long lastReceived = received.getAsLong();
		long lastProgress = System.nanoTime();
		while (!waiting.isEmpty()) {
			waiting.removeIf(arrived);
			if (received.getAsLong() != lastReceived) {
				lastReceived = received.getAsLong();
				lastProgress = System.nanoTime();
			}
			else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(stallSeconds)) {
				break;
			}
			Thread.sleep(20);
		}
		return waiting;
	}

	static String abbreviate(String s) {
		return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "...";
	}

}
