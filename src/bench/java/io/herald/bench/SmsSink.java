package io.herald.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider's HTTP API on loopback, as Herald's {@code HttpSmsProvider} talks to it: accepts every message at
 * once with 200 {@code {"id": "sms-<n>"}}, the same id again for a repeated {@code Idempotency-Key} (as real providers
 * deduplicate), and remembers per key how often and first when it arrived. A message counts as malformed unless its
 * JSON body has a phone number, a text and, as reference, its own idempotency key.
 */
final class SmsSink extends LoopbackSink {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Integer> idsByKey = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final AtomicLong malformed = new AtomicLong();

	private SmsSink(int threads) throws IOException {
		super("Idempotency-Key", threads);
	}

	/** @param threads request handlers, see {@link LoopbackSink#LoopbackSink(String, int)} */
	static SmsSink start(int threads) throws IOException {
		SmsSink sink = new SmsSink(threads);
		sink.listen();
		return sink;
	}

	@Override
	void respond(HttpExchange exchange, String key, String body, long arrived) throws IOException {
		if (key == null || !wellFormed(key, body)) {
			malformed.incrementAndGet();
		}
		int id = key == null ? ids.incrementAndGet() : idsByKey.computeIfAbsent(key, k -> ids.incrementAndGet());
		byte[] answer = ("{\"id\":\"sms-" + id + "\",\"status\":\"QUEUED\"}").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, answer.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer);
		}
	}

	private static boolean wellFormed(String key, String body) {
		try {
			JsonNode sms = JSON.readTree(body);
			return sms.path("to").asString("").startsWith("+") && !sms.path("text").asString("").isBlank()
					&& key.equals(sms.path("reference").asString(""));
		}
		catch (RuntimeException e) {
			return false;
		}
	}

	/** Messages without an idempotency key, or whose body lacks the number, the text or the reference. */
	long malformed() {
		return malformed.get();
	}

}
