package io.herald.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A receiver Herald sends messages to, on loopback: an HTTP server that answers every request, at once or after a set
 * delay (a slow merchant endpoint or SMS provider), and remembers, per message key (the request header a real receiver
 * deduplicates on: webhook-id, Idempotency-Key), how often and first when it arrived. Arrival times are
 * {@link System#nanoTime()} of this JVM, the same clock the load generator stamps accepted reports with. Subclasses
 * check the request as a real receiver would and say what to answer.
 */
abstract class LoopbackSink implements AutoCloseable {

	private final String keyHeader;

	private final HttpServer server;

	private final ExecutorService workers;

	/** Sends the delayed answers; null when answering at once. */
	private final ScheduledExecutorService later;

	private final long delayMillis;

	private final Map<String, Arrival> byKey = new ConcurrentHashMap<>();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong withoutKey = new AtomicLong();

	private final AtomicLong lastArrivalNanos = new AtomicLong();

	/**
	 * @param keyHeader the request header that identifies a message
	 * @param threads request handlers; enough that the sink is never what Herald waits for (Herald sends up to 64
	 * messages at a time by default)
	 * @param delayMillis how long each answer waits after the request was read; the handler thread does not wait
	 * (a scheduler sends the answer), so a slow receiver still takes any number of requests at a time, as a real
	 * endpoint's latency does not cap its throughput
	 */
	LoopbackSink(String keyHeader, int threads, long delayMillis) throws IOException {
		this.keyHeader = keyHeader;
		this.delayMillis = delayMillis;
		this.later = delayMillis > 0 ? Executors.newScheduledThreadPool(2) : null;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		this.workers = Executors.newFixedThreadPool(threads);
		server.createContext("/", this::handle);
		server.setExecutor(workers);
	}

	/** Starts answering; the subclass's factory calls it once the subclass is fully constructed. */
	final void listen() {
		server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	private void handle(HttpExchange exchange) throws IOException {
		long arrived = System.nanoTime();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		received.incrementAndGet();
		lastArrivalNanos.accumulateAndGet(arrived, Math::max);
		String key = exchange.getRequestHeaders().getFirst(keyHeader);
		if (key == null) {
			withoutKey.incrementAndGet();
		}
		else {
			byKey.computeIfAbsent(key, k -> new Arrival(arrived)).count.incrementAndGet();
		}
		Answer answer = check(exchange, key, body, arrived);
		if (later == null) {
			send(exchange, answer);
		}
		else {
			// the exchange stays open after this handler returns and is answered from the scheduler's thread
			later.schedule(() -> send(exchange, answer), delayMillis, TimeUnit.MILLISECONDS);
		}
	}

	private static void send(HttpExchange exchange, Answer answer) {
		try (exchange) {
			if (answer.json() == null) {
				exchange.sendResponseHeaders(answer.status(), -1);
				return;
			}
			byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (IOException e) {
			// Herald gave up on this request (its timeout): it will retry, and the retry is counted
		}
	}

	/** What to answer: a status and, unless null, a JSON body. */
	record Answer(int status, String json) {
	}

	/**
	 * Checks one request and says what to answer, after its arrival has been recorded.
	 * @param key the message key, null if the request had none
	 */
	abstract Answer check(HttpExchange exchange, String key, String body, long arrived);

	/** The delay of every answer, in milliseconds. */
	long delayMillis() {
		return delayMillis;
	}

	/** First arrival of the message with this key, or null if it never came. */
	Arrival arrival(String key) {
		return byKey.get(key);
	}

	/** Keys of every message received. */
	Set<String> keys() {
		return byKey.keySet();
	}

	/** Requests received, repeats included. */
	long received() {
		return received.get();
	}

	long lastArrivalNanos() {
		return lastArrivalNanos.get();
	}

	/** Requests without the key header: a receiver could not have deduplicated them. */
	long withoutKey() {
		return withoutKey.get();
	}

	/** Receipts of a key beyond its first: the same message delivered again. */
	long repeatedKeys() {
		return byKey.values().stream().mapToLong(n -> n.count.get() - 1).sum();
	}

	@Override
	public void close() throws InterruptedException {
		server.stop(0);
		if (later != null) {
			later.shutdownNow();
		}
		workers.shutdown();
		workers.awaitTermination(5, TimeUnit.SECONDS);
	}

	/** When something first arrived, and how often it arrived in all. */
	static final class Arrival {

		final long firstNanos;

		final AtomicInteger count = new AtomicInteger();

		Arrival(long firstNanos) {
			this.firstNanos = firstNanos;
		}

	}

}
