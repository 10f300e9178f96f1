package io.herald.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The merchant's webhook endpoint, on loopback: answers every request at once with 200 and remembers, per webhook-id
 * and per order (the payload's data.orderId), how often and first when it arrived. Arrival times are
 * {@link System#nanoTime()} of this JVM, the same clock the load generator stamps accepted reports with.
 *
 * <p>Every signature is verified as a real receiver would: a loop that delivers quickly but unverifiably is no loop.
 */
final class WebhookSink implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService workers;

	private final Map<String, AtomicInteger> byWebhookId = new ConcurrentHashMap<>();

	private final Map<UUID, Arrival> byOrder = new ConcurrentHashMap<>();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong badSignatures = new AtomicLong();

	private final AtomicLong unreadable = new AtomicLong();

	private final AtomicLong lastArrivalNanos = new AtomicLong();

	private volatile Webhook verifier;

	private WebhookSink(HttpServer server, ExecutorService workers) {
		this.server = server;
		this.workers = workers;
	}

	/**
	 * @param threads request handlers; enough that the sink is never what Herald waits for (Herald sends up to 64
	 * webhooks at a time by default)
	 */
	static WebhookSink start(int threads) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		ExecutorService workers = Executors.newFixedThreadPool(threads);
		WebhookSink sink = new WebhookSink(server, workers);
		server.createContext("/", sink::handle);
		server.setExecutor(workers);
		server.start();
		return sink;
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	/** The merchant's whsec_ secret, known only once the merchant exists. */
	void verifyWith(String webhookSecret) {
		try {
			this.verifier = new Webhook(webhookSecret);
		}
		catch (Exception e) {
			throw new IllegalStateException("unusable webhook secret", e);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		long arrived = System.nanoTime();
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			record(exchange, body, arrived);
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private void record(HttpExchange exchange, String body, long arrived) {
		received.incrementAndGet();
		lastArrivalNanos.accumulateAndGet(arrived, Math::max);
		String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
		if (webhookId != null) {
			byWebhookId.computeIfAbsent(webhookId, id -> new AtomicInteger()).incrementAndGet();
		}
		Webhook v = verifier;
		if (v == null || !verifies(v, exchange, body)) {
			badSignatures.incrementAndGet();
		}
		UUID orderId;
		try {
			JsonNode orderIdNode = JSON.readTree(body).path("data").path("orderId");
			orderId = UUID.fromString(orderIdNode.asString());
		}
		catch (RuntimeException e) {
			unreadable.incrementAndGet();
			return;
		}
		byOrder.computeIfAbsent(orderId, id -> new Arrival(arrived)).count.incrementAndGet();
	}

	private static boolean verifies(Webhook verifier, HttpExchange exchange, String body) {
		// the reference library looks headers up by their lower-case names; the JDK server capitalises them
		Map<String, List<String>> headers = new HashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
		try {
			verifier.verify(body, headers);
			return true;
		}
		catch (Exception e) {
			return false;
		}
	}

	/** First arrival of a webhook about this order, or null if none came. */
	Arrival arrival(UUID orderId) {
		return byOrder.get(orderId);
	}

	long received() {
		return received.get();
	}

	long lastArrivalNanos() {
		return lastArrivalNanos.get();
	}

	long badSignatures() {
		return badSignatures.get();
	}

	long unreadable() {
		return unreadable.get();
	}

	/** Receipts of a webhook-id beyond its first: the same message delivered again. */
	long repeatedWebhookIds() {
		return byWebhookId.values().stream().mapToLong(n -> n.get() - 1).sum();
	}

	/** Receipts about an order beyond its first, whatever their webhook-ids: the customer told twice. */
	long repeatedOrders() {
		return byOrder.values().stream().mapToLong(a -> a.count.get() - 1).sum();
	}

	int distinctOrders() {
		return byOrder.size();
	}

	@Override
	public void close() throws InterruptedException {
		server.stop(0);
		workers.shutdown();
		workers.awaitTermination(5, TimeUnit.SECONDS);
	}

	static final class Arrival {

		final long firstNanos;

		final AtomicInteger count = new AtomicInteger();

		Arrival(long firstNanos) {
			this.firstNanos = firstNanos;
		}

	}

}
