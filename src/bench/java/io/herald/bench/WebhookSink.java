package io.herald.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The merchant's webhook endpoint, on loopback: answers every request with 200 (at once or after the set delay) and
 * remembers, per webhook-id
 * and per order (the payload's data.orderId), how often and first when it arrived.
 *
 * <p>Every signature is verified as a real receiver would: a loop that delivers quickly but unverifiably is no loop.
 */
final class WebhookSink extends LoopbackSink {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<UUID, Arrival> byOrder = new ConcurrentHashMap<>();

	private final AtomicLong badSignatures = new AtomicLong();

	private final AtomicLong unreadable = new AtomicLong();

	private volatile Webhook verifier;

	private WebhookSink(int threads, long delayMillis) throws IOException {
		super("webhook-id", threads, delayMillis);
	}

	/** @see LoopbackSink#LoopbackSink(String, int, long) */
	static WebhookSink start(int threads, long delayMillis) throws IOException {
		WebhookSink sink = new WebhookSink(threads, delayMillis);
		sink.listen();
		return sink;
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

	@Override
	Answer check(HttpExchange exchange, String key, String body, long arrived) {
		record(exchange, body, arrived);
		return new Answer(200, null);
	}

	private void record(HttpExchange exchange, String body, long arrived) {
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
	Arrival orderArrival(UUID orderId) {
		return byOrder.get(orderId);
	}

	long badSignatures() {
		return badSignatures.get();
	}

	long unreadable() {
		return unreadable.get();
	}

	/** Receipts about an order beyond its first, whatever their webhook-ids: the customer told twice. */
	long repeatedOrders() {
		return byOrder.values().stream().mapToLong(a -> a.count.get() - 1).sum();
	}

	int distinctOrders() {
		return byOrder.size();
	}

}
