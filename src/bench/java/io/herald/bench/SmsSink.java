package io.herald.bench;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS provider's HTTP API on loopback, as Herald's {@code HttpSmsProvider} talks to it: accepts every message (at
 * once or after the set delay) with 200 {@code {"id": "sms-<n>"}}, the same id again for a repeated {@code Idempotency-Key} (as real providers
 * deduplicate), and remembers per key how often and first when it arrived. A message counts as malformed unless its
 * JSON body has a phone number, a text and, as reference, its own idempotency key.
 */
final class SmsSink extends LoopbackSink {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Integer> idsByKey = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final AtomicLong malformed = new AtomicLong();

	private SmsSink(int threads, long delayMillis) throws IOException {
		super("Idempotency-Key", threads, delayMillis);
	}

	/** @see LoopbackSink#LoopbackSink(String, int, long) */
	static SmsSink start(int threads, long delayMillis) throws IOException {
		SmsSink sink = new SmsSink(threads, delayMillis);
		sink.listen();
		return sink;
	}

	@Override
	Answer check(HttpExchange exchange, String key, String body, long arrived) {
		if (key == null || !wellFormed(key, body)) {
			malformed.incrementAndGet();
		}
		int id = key == null ? ids.incrementAndGet() : idsByKey.computeIfAbsent(key, k -> ids.incrementAndGet());
		return new Answer(200, "{\"id\":\"sms-" + id + "\",\"status\":\"QUEUED\"}");
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
