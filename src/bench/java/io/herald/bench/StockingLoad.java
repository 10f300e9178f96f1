package io.herald.bench;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import static io.herald.bench.BenchMain.seconds;

/**
 * The merchant's and the station's side of the loop benchmarks: places orders (one merchant, one station whose area
 * covers them all) and reports them stocked, either as fast as several clients can (closed loop) or on a fixed
 * schedule (open loop), stamping every report Herald accepted with the {@link System#nanoTime()} its HTTP response
 * arrived.
 */
final class StockingLoad {

	/** Orders per request while placing them. */
	private static final int ORDER_CHUNK = 500;

	private final PrintStream out;

	private final HeraldProcess herald;

	private final PhaseMeter meter;

	private final HeraldClient api;

	private final HeraldClient.Merchant merchant;

	private final HeraldClient.Station station;

	private final int clients;

	/** When each accepted report's HTTP response arrived (nanoTime), by order id, over the whole run. */
	private final Map<UUID, Long> acceptedAt = new ConcurrentHashMap<>();

	private int ordersPlaced;

	/**
	 * Registers the merchant, with its webhook on {@code webhooks}, and the station.
	 * @param clients concurrent clients of the closed loop and of order intake
	 */
	StockingLoad(PrintStream out, HeraldProcess herald, WebhookSink webhooks, int clients) throws Exception {
		this.out = out;
		this.herald = herald;
		this.meter = new PhaseMeter(herald);
		this.clients = clients;
		this.api = new HeraldClient(herald.port());
		this.merchant = api.createMerchant(herald.adminKey(), "Bench Tea", webhooks.url("/webhooks"));
		webhooks.verifyWith(merchant.webhookSecret());
		this.station = api.createStation(herald.adminKey(), "Bench Andorra la Vella");
	}

	/** The client of {@code herald}, which places every order and takes the open-loop reports. */
	HeraldClient api() {
		return api;
	}

	/** The merchant's API key (its orders' live streams). */
	String merchantKey() {
		return merchant.apiKey();
	}

	/** The station's API key. */
	String stationKey() {
		return station.apiKey();
	}

	/** When the report about this order was accepted (nanoTime), or null if it was not. */
	Long acceptedAt(UUID orderId) {
		return acceptedAt.get(orderId);
	}

	/** Orders whose report Herald accepted, over the whole run. */
	Set<UUID> accepted() {
		return Collections.unmodifiableSet(acceptedAt.keySet());
	}

	/** The earliest acceptance among these orders; now if none was accepted. */
	long firstAccepted(Collection<UUID> orders) {
		return orders.stream().map(acceptedAt::get).filter(t -> t != null).mapToLong(Long::longValue).min()
			.orElse(System.nanoTime());
	}

	// -- intake (set-up, not part of the loop figures) ------------------------------------------------------------

	/** Places {@code count} orders through the batch endpoint and waits until Herald has digested their events. */
	List<UUID> placeOrders(String series, int count) throws Exception {
		long start = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<List<UUID>>> parts = new ArrayList<>();
		try {
			for (int from = 0; from < count; from += ORDER_CHUNK) {
				int first = from, size = Math.min(ORDER_CHUNK, count - from);
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
		while (outstandingPublications() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("event publications still outstanding after 5 minutes");
			}
			Thread.sleep(100);
		}
	}

	private long outstandingPublications() throws Exception {
		return herald.database().outstandingPublications();
	}

	// -- closed loop ----------------------------------------------------------------------------------------------

	/**
	 * A closed-loop run.
	 * @param accepted reports accepted
	 * @param unsentPeak the largest backlog of unsent deliveries seen meanwhile
	 * @param cpu cores used meanwhile, see {@link PhaseMeter.Usage#cores()}
	 * @param firstError the first refusal or failure, or null
	 */
	record ClosedLoop(long accepted, double seconds, long refused, long unsentPeak, String cpu, String firstError) {

		double rate() {
			return accepted / seconds;
		}

		/** Prints the saturation lines. */
		void print(PrintStream out) {
			out.printf(Locale.ROOT,
					"saturation: %d reports accepted in %.2f s = %.0f reports/s (%d refused); unsent deliveries peaked at %d%n",
					accepted, seconds, rate(), refused, unsentPeak);
			out.printf(Locale.ROOT, "  cores while accepting: %s%n", cpu);
			if (firstError != null) {
				out.println("  first refusal: " + firstError);
			}
		}

	}

	/**
	 * Reports every order stocked through {@code via} as fast as the configured number of closed-loop clients can
	 * (each posts its next batch when the previous one is answered). A failing request counts its reports refused
	 * and the client goes on with the next batch.
	 */
	ClosedLoop closedLoop(HeraldClient via, List<UUID> orders, int batch) throws Exception {
		// bodies built beforehand: the generator should spend its CPU share on sending, not on formatting
		List<List<UUID>> batches = partition(orders, batch);
		List<String> bodies = batches.stream().map(HeraldClient::stockedReports).toList();
		AtomicInteger next = new AtomicInteger();
		AtomicLong refused = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		HeraldDatabase database = herald.database();
		Sampler backlog = new Sampler(database::unsentDeliveries);
		CountDownLatch done = new CountDownLatch(clients);
		PhaseMeter.Snapshot cpu = meter.snapshot();
		long start = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			Thread client = new Thread(() -> {
				try {
					for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
						post(via, batches.get(i), bodies.get(i), refused, firstError);
					}
				}
				finally {
					done.countDown();
				}
			}, "closed-loop-client-" + c);
			client.start();
		}
		done.await();
		double elapsed = seconds(System.nanoTime() - start);
		String cores = meter.since(cpu).cores();
		long accepted = orders.stream().filter(acceptedAt::containsKey).count();
		return new ClosedLoop(accepted, elapsed, refused.get(), backlog.stopAndMax(), cores, firstError.get());
	}

	private void post(HeraldClient via, List<UUID> reports, String body, AtomicLong refused,
			AtomicReference<String> firstError) {
		try {
			HttpResponse<String> response = via.reportStocking(station.apiKey(), body);
			long now = System.nanoTime();
			List<UUID> applied = HeraldClient.applied(response);
			applied.forEach(id -> acceptedAt.put(id, now));
			refused.addAndGet(reports.size() - applied.size());
			if (applied.size() < reports.size()) {
				firstError.compareAndSet(null, response.statusCode() + " " + abbreviate(response.body()));
			}
		}
		catch (RuntimeException e) {
			refused.addAndGet(reports.size());
			firstError.compareAndSet(null, e.toString());
		}
	}

	// -- open loop ------------------------------------------------------------------------------------------------

	/**
	 * An open-loop run.
	 * @param count reports sent
	 * @param seconds from the first tick until the last report was sent
	 * @param roundTrips request sent to response received
	 * @param cpu cores used while sending, see {@link PhaseMeter.Usage#cores()}
	 * @param firstError the first refusal or failure, or null
	 */
	record OpenLoop(int count, double seconds, int tickMs, int maxInFlight, long refused, Latencies roundTrips,
			String cpu, String firstError) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%d reports at %.0f/s over %.1f s (a request every %d ms, up to %d in flight, %d refused)", count,
					count / seconds, seconds, tickMs, maxInFlight, refused);
		}

	}

	/**
	 * Reports every order stocked at {@code rate} per second, on a fixed schedule: each tick posts whatever the
	 * schedule says is due by now, without waiting for earlier requests, so a slow Herald faces a growing backlog as it
	 * would in production instead of slowing the generator down (coordinated omission). Returns once every request
	 * has been answered.
	 */
	OpenLoop openLoop(List<UUID> orders, double rate, int tickMs, int batch) throws Exception {
		int count = orders.size();
		List<Long> requestNanos = Collections.synchronizedList(new ArrayList<>());
		List<CompletableFuture<?>> requests = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		AtomicLong refused = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		CountDownLatch allSent = new CountDownLatch(1);
		int[] sent = { 0 };
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		PhaseMeter.Snapshot cpu = meter.snapshot();
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
			throw new IllegalStateException("open loop stopped after " + sent[0] + " reports: " + firstError.get());
		}
		double sending = seconds(System.nanoTime() - start);
		String cores = meter.since(cpu).cores();
		schedule.cancel(false);
		ticker.shutdown();
		CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).handle((r, e) -> null).get();
		return new OpenLoop(count, sending, tickMs, maxInFlight.get(), refused.get(), new Latencies(requestNanos),
				cores, firstError.get());
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
			Thread.sleep(50);
		}
		return waiting;
	}

	// -- helpers --------------------------------------------------------------------------------------------------

	/** Samples a gauge every 100 ms on a daemon thread and keeps the maximum. */
	private static final class Sampler {

		private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

		private final Thread thread;

		private volatile boolean running = true;

		Sampler(IntSupplier gauge) {
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

	private static String abbreviate(String s) {
		return s == null || s.length() <= 300 ? s : s.substring(0, 300) + "...";
	}

}
