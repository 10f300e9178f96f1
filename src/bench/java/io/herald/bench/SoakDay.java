package io.herald.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

/**
 * The soak's day at one station, driven at a fixed rate of orders per second: the merchant places orders in one batch
 * a second (half of the customers by email, half by SMS); the station reports each one's stocking a few seconds later
 * (one in ten fails, and the merchant then cancels the order); every {@code routeEverySeconds} the station sends out
 * the stocked orders on routes of up to 30 stops, starts them, and the courier completes its stops one by one over the next two route
 * periods (one in ten fails: customer absent). Tracking pages: up to {@code streams} orders have their live stream
 * open from placement until their stop is completed. Every report Herald accepts goes to the {@link SoakLedger}.
 */
final class SoakDay implements AutoCloseable {

	/** Orders per route at most, as a courier's shift would hold. */
	private static final int ROUTE_SIZE = 30;

	private final SoakHttp http;

	private final SoakLedger ledger;

	private final String merchantKey;

	private final String stationKey;

	private final int streams;

	private final int routeEverySeconds;

	private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);

	private final ExecutorService workers = Executors.newFixedThreadPool(16);

	private final ExecutorService streamReaders = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "soak-stream");
		t.setDaemon(true);
		return t;
	});

	private final Queue<UUID> stocked = new ConcurrentLinkedQueue<>();

	private final Map<UUID, Socket> openStreams = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	final AtomicLong reportsAccepted = new AtomicLong();

	final AtomicLong refused = new AtomicLong();

	final AtomicLong streamEvents = new AtomicLong();

	final AtomicLong routesStarted = new AtomicLong();

	private double owed;

	SoakDay(SoakHttp http, SoakLedger ledger, String merchantKey, String stationKey, int streams,
			int routeEverySeconds) {
		this.http = http;
		this.ledger = ledger;
		this.merchantKey = merchantKey;
		this.stationKey = stationKey;
		this.streams = streams;
		this.routeEverySeconds = routeEverySeconds;
	}

	/** Starts the day at this many orders per second; it runs until {@link #close()}. */
	void start(double ordersPerSecond) {
		timer.scheduleAtFixedRate(() -> workers.execute(() -> placeDue(ordersPerSecond)), 0, 1, TimeUnit.SECONDS);
		timer.scheduleAtFixedRate(() -> workers.execute(this::sendOutRoutes), routeEverySeconds, routeEverySeconds,
				TimeUnit.SECONDS);
	}

	/** Runs the task on a worker after the delay; nothing once the day is over. */
	private void later(long delayMillis, Runnable task) {
		try {
			timer.schedule(() -> {
				try {
					workers.execute(task);
				}
				catch (RejectedExecutionException e) {
					// the day is over
				}
			}, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException e) {
			// the day is over
		}
	}

	/** Places one batch of orders, the ones due this second. */
	private void placeDue(double ordersPerSecond) {
		int count;
		synchronized (this) {
			owed += ordersPerSecond;
			count = (int) owed;
			owed -= count;
		}
		if (count == 0) {
			return;
		}
		List<UUID> ids = place(count);
		for (UUID id : ids) {
			if (openStreams.size() < streams) {
				openStream(id);
			}
			later(ThreadLocalRandom.current().nextLong(1_000, 5_000), () -> reportStocking(id));
		}
	}

	/** Places orders with unique numbers and contacts; returns the ids of those created. */
	List<UUID> place(int count) {
		StringBuilder body = new StringBuilder("{\"orders\":[");
		for (int i = 0; i < count; i++) {
			long n = sequence.incrementAndGet();
			ThreadLocalRandom random = ThreadLocalRandom.current();
			String contact = n % 2 == 0 ? "\"email\":\"c" + n + "@soak.test\""
					: String.format(Locale.ROOT, "\"phone\":\"+3766%07d\"", n % 10_000_000);
			body.append(i == 0 ? "" : ",").append("{\"orderNumber\":\"SOAK-").append(n)
				.append("\",\"destination\":{\"address\":\"Av. Meritxell ").append(n % 200)
				.append(", Andorra la Vella\",\"lat\":")
				.append(HeraldClient.LAT_MIN + random.nextDouble() * (HeraldClient.LAT_MAX - HeraldClient.LAT_MIN))
				.append(",\"lon\":")
				.append(HeraldClient.LON_MIN + random.nextDouble() * (HeraldClient.LON_MAX - HeraldClient.LON_MIN))
				.append("},\"items\":[{\"sku\":\"TEA-1\",\"name\":\"Green tea\",\"quantity\":2},")
				.append("{\"sku\":\"CUP-1\",\"name\":\"Tea cup\",\"quantity\":1}],")
				.append("\"customer\":{\"name\":\"Li Wei\",").append(contact)
				.append(",\"locale\":\"en\",\"timeZone\":\"Europe/Andorra\"}}");
		}
		SoakHttp.Answer answer = http.post("/api/v1/orders/batch", merchantKey, body.append("]}").toString());
		List<UUID> ids = new ArrayList<>();
		if (answer.status() != 200) {
			refused.addAndGet(count);
			return ids;
		}
		for (JsonNode result : answer.json().get("results")) {
			if ("ASSIGNED".equals(result.path("state").asString())) {
				ids.add(UUID.fromString(result.get("id").asString()));
			}
		}
		return ids;
	}

	private void reportStocking(UUID order) {
		boolean fails = ThreadLocalRandom.current().nextInt(10) == 0;
		SoakHttp.Answer answer = http.post("/api/v1/orders/" + order + "/stocking", stationKey,
				fails ? "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"failedLines\":[2]}" : "{\"status\":\"STOCKED\"}");
		if (answer.status() != 200 || !answer.body().contains("\"applied\":true")) {
			refused.incrementAndGet();
			return;
		}
		reportsAccepted.incrementAndGet();
		ledger.accepted(order, fails ? "STOCKING_FAILED" : "STOCKED", answer.receivedNanos());
		if (fails) {
			// the merchant gives up on it: a cancelled order is finished, so retention ends it too
			later(5_000, () -> {
				http.post("/api/v1/orders/" + order + "/cancellation", merchantKey, "{\"reason\":\"out of stock\"}");
				closeStream(order);
			});
		}
		else {
			stocked.add(order);
		}
	}

	/** Sends out everything stocked: as many couriers as it takes, {@link #ROUTE_SIZE} orders each at most. */
	private void sendOutRoutes() {
		// what is stocked now: orders stocked while these routes go out wait for the next period, as at a real depot
		int due = stocked.size();
		while (due > 0) {
			List<UUID> orders = new ArrayList<>();
			UUID next;
			while (orders.size() < ROUTE_SIZE && due > 0 && (next = stocked.poll()) != null) {
				orders.add(next);
				due--;
			}
			if (orders.isEmpty()) {
				return;
			}
			sendOutRoute(orders);
		}
	}

	/** Dispatches these orders on one route, starts it, and has the courier complete its stops over time. */
	private void sendOutRoute(List<UUID> orders) {
		StringBuilder ids = new StringBuilder();
		orders.forEach(id -> ids.append(ids.isEmpty() ? "\"" : ",\"").append(id).append('"'));
		SoakHttp.Answer route = http.post("/api/v1/routes", stationKey,
				"{\"courier\":{\"name\":\"Pau\",\"vehicleProfile\":\"BIKE\"},\"orderIds\":[" + ids + "]}");
		if (route.status() != 201) {
			refused.addAndGet(orders.size());
			return;
		}
		String routeId = route.json().get("id").asString();
		if (http.post("/api/v1/routes/" + routeId + "/start", stationKey, null).status() != 200) {
			refused.addAndGet(orders.size());
			return;
		}
		routesStarted.incrementAndGet();
		List<UUID> sequence = new ArrayList<>();
		for (JsonNode stop : route.json().get("stops")) {
			sequence.add(UUID.fromString(stop.get("orderId").asString()));
		}
		long gap = Math.max(1, 2_000L * routeEverySeconds / sequence.size());
		for (int i = 0; i < sequence.size(); i++) {
			UUID order = sequence.get(i);
			later(gap * (i + 1), () -> completeStop(routeId, order));
		}
	}

	private void completeStop(String routeId, UUID order) {
		boolean fails = ThreadLocalRandom.current().nextInt(10) == 0;
		SoakHttp.Answer answer = http.post("/api/v1/routes/" + routeId + "/stops/" + order + "/outcome", stationKey,
				fails ? "{\"outcome\":\"FAILED\",\"reason\":\"CUSTOMER_ABSENT\"}" : "{\"outcome\":\"DELIVERED\"}");
		closeStream(order);
		if (answer.status() != 200) {
			refused.incrementAndGet();
			return;
		}
		reportsAccepted.incrementAndGet();
		ledger.accepted(order, fails ? "DELIVERY_FAILED" : "DELIVERED", answer.receivedNanos());
	}

	/** A tracking page's stream: a plain socket as a browser's EventSource holds one, counting the events it hears. */
	private void openStream(UUID order) {
		try {
			Socket socket = new Socket("127.0.0.1", http.port());
			openStreams.put(order, socket);
			socket.getOutputStream().write(("GET /api/v1/orders/" + order + "/live HTTP/1.0\r\nHost: 127.0.0.1\r\n"
					+ "Authorization: Bearer " + merchantKey + "\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			streamReaders.execute(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						if (line.startsWith("data:")) {
							streamEvents.incrementAndGet();
						}
					}
				}
				catch (java.io.IOException e) {
					// closed by us, or by Herald at the stream's timeout
				}
				openStreams.remove(order, socket);
			});
		}
		catch (java.io.IOException e) {
			refused.incrementAndGet();
		}
	}

	private void closeStream(UUID order) {
		Socket socket = openStreams.remove(order);
		if (socket != null) {
			try {
				socket.close();
			}
			catch (java.io.IOException e) {
				// gone already
			}
		}
	}

	int openStreams() {
		return openStreams.size();
	}

	/** Stops placing and reporting; reports already scheduled are dropped, accepted ones stay in the ledger. */
	@Override
	public void close() throws InterruptedException {
		timer.shutdownNow();
		workers.shutdown();
		workers.awaitTermination(2, TimeUnit.MINUTES);
		List.copyOf(openStreams.keySet()).forEach(this::closeStream);
		streamReaders.shutdownNow();
	}

}
