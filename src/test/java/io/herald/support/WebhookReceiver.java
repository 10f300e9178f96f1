package io.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that plays a merchant's webhook endpoint. It records every request and answers with
 * scripted status codes (then 200 once the script is used up).
 */
public final class WebhookReceiver {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();

	/** Least and most time to wait before answering, in microseconds; both 0: answer at once. */
	private volatile long[] delayMicros = { 0, 0 };

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	static WebhookReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
			WebhookReceiver receiver = new WebhookReceiver(server);
			server.createContext("/", exchange -> {
				try (InputStream in = exchange.getRequestBody()) {
					String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					Integer status = receiver.script.poll();
					int code = status == null ? 200 : status;
					receiver.received.add(new Received(exchange.getRequestURI().getPath(),
							Map.copyOf(exchange.getRequestHeaders()), body, code, Instant.now()));
					receiver.pause();
					exchange.sendResponseHeaders(code, -1);
				}
				finally {
					exchange.close();
				}
			});
			// daemon threads: the test JVM must be able to exit while the receiver still listens
			server.setExecutor(Executors.newFixedThreadPool(16, r -> {
				Thread t = new Thread(r, "webhook-receiver");
				t.setDaemon(true);
				return t;
			}));
			server.start();
			return receiver;
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A URL on this receiver; the path lets tests tell their own requests apart. */
	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	/** Next responses, in order; afterwards 200. */
	public void respondWith(Integer... statuses) {
		script.addAll(List.of(statuses));
	}

	/**
	 * Makes the receiver slow: each request is recorded as soon as its body is read, then answered after a random
	 * wait between {@code least} and {@code most}, so that senders have requests in flight. Until {@link #reset()}.
	 */
	public void answerAfter(Duration least, Duration most) {
		delayMicros = new long[] { least.toNanos() / 1000, most.toNanos() / 1000 };
	}

	/** Forgets the script, the requests received and any {@link #answerAfter} delay. */
	public void reset() {
		script.clear();
		received.clear();
		delayMicros = new long[] { 0, 0 };
	}

	private void pause() {
		long[] delay = delayMicros;
		if (delay[1] <= 0) {
			return;
		}
		long micros = delay[0] >= delay[1] ? delay[0] : ThreadLocalRandom.current().nextLong(delay[0], delay[1] + 1);
		try {
			// the latency of a slow endpoint is real time, during which the sender keeps the request in flight
			Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	public List<Received> received(String path) {
		List<Received> result = new ArrayList<>();
		for (Received r : received) {
			if (r.path().equals(path)) {
				result.add(r);
			}
		}
		return result;
	}

	/** A loopback URL where nothing listens: connections are refused. */
	public static String deadUrl() {
		return "http://127.0.0.1:" + TestInfrastructure.freePort() + "/down";
	}

	/** One request as received. Header names as the JDK server normalises them (first letter upper case). */
	public record Received(String path, Map<String, List<String>> headers, String body, int answeredWith,
			Instant at) {

		public String header(String name) {
			for (var entry : headers.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name)) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

		/** The headers with lower-case names, as a Standard Webhooks verifier looks them up. */
		public Map<String, List<String>> lowerCaseHeaders() {
			Map<String, List<String>> result = new HashMap<>();
			headers.forEach((k, v) -> result.put(k.toLowerCase(), v));
			return result;
		}

	}

}
