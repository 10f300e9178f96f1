package io.herald.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A receiver Herald sends messages to, on loopback: an HTTP server that answers every request at once and remembers,
 * per message key (the request header a real receiver deduplicates on: webhook-id, Idempotency-Key), how often and
 * first when it arrived. Arrival times are {@link System#nanoTime()} of this JVM, the same clock the load generator
 * stamps accepted reports with. Subclasses check the request as a real receiver would and answer it.
 */
abstract class LoopbackSink implements AutoCloseable {

	private final String keyHeader;

	private final HttpServer server;

	private final ExecutorService workers;

	private final Map<String, Arrival> byKey = new ConcurrentHashMap<>();

	private final AtomicLong received = new AtomicLong();

	private final AtomicLong withoutKey = new AtomicLong();

	private final AtomicLong lastArrivalNanos = new AtomicLong();

	/**
	 * @param keyHeader the request header that identifies a message
	 * @param threads request handlers; enough that the sink is never what Herald waits for (Herald sends up to 64
	 * messages at a time by default)
	 */
	LoopbackSink(String keyHeader, int threads) throws IOException {
		this.keyHeader = keyHeader;
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
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			received.incrementAndGet();
			lastArrivalNanos.accumulateAndGet(arrived, Math::max);
			String key = exchange.getRequestHeaders().getFirst(keyHeader);
			if (key == null) {
				withoutKey.incrementAndGet();
			}
			else {
				byKey.computeIfAbsent(key, k -> new Arrival(arrived)).count.incrementAndGet();
			}
			respond(exchange, key, body, arrived);
		}
	}

	/**
	 * Checks and answers one request, after its arrival has been recorded.
	 * @param key the message key, null if the request had none
	 */
	abstract void respond(HttpExchange exchange, String key, String body, long arrived) throws IOException;

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
