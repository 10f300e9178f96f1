package io.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HTTP server on loopback that plays an SMS provider. By default it accepts every message with a generated id
 * ({@code {"id": "sms-1"}}), the same id again for a repeated {@code Idempotency-Key}, as real providers do. Tests
 * script the next answers (rejected, rate limited, failing, hanging past the client's timeout), in order; afterwards
 * it accepts again. It records every request and can post a delivery receipt back to Herald.
 */
public final class FakeSmsProvider implements BeforeEachCallback, AfterAllCallback {

	private final HttpServer server;

	private final ExecutorService threads;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

	private final Map<String, String> idsByKey = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	/** Hanging requests wait on this until the next reset (or stop). */
	private volatile CountDownLatch hung = new CountDownLatch(1);

	private FakeSmsProvider(HttpServer server, ExecutorService threads) {
		this.server = server;
		this.threads = threads;
	}

	public static FakeSmsProvider start() {
		return start(0);
	}

	/**
	 * The same provider back after {@link #stop()}: on its port, with its message ids and idempotency keys (a real
	 * provider keeps them in its database), its list of requests empty.
	 */
	public FakeSmsProvider restarted() {
		FakeSmsProvider again = start(server.getAddress().getPort());
		again.ids.set(ids.get());
		again.idsByKey.putAll(idsByKey);
		return again;
	}

	private static FakeSmsProvider start(int port) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
			// daemon threads: the test JVM must be able to exit while the provider still listens
			ExecutorService threads = Executors.newFixedThreadPool(16, r -> {
				Thread t = new Thread(r, "fake-sms-provider");
				t.setDaemon(true);
				return t;
			});
			FakeSmsProvider provider = new FakeSmsProvider(server, threads);
			server.createContext("/", provider::handle);
			server.setExecutor(threads);
			server.start();
			return provider;
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The provider's API root, for {@code herald.notifications.sms.base-url}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/**
	 * Registered as a JUnit extension on a test class that owns its provider (a static field, so that it lives as
	 * long as the class), every test starts with a {@link #reset()} provider:
	 *
	 * <pre>
	 * &#64;RegisterExtension
	 * static final FakeSmsProvider provider = FakeSmsProvider.start();
	 * </pre>
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

	/** The registered provider stops after its class. */
	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	public void stop() {
		hung.countDown();
		server.stop(0);
		threads.shutdownNow();
	}

	/** Forgets requests, script and ids, and lets hanging requests go. */
	public void reset() {
		script.clear();
		requests.clear();
		idsByKey.clear();
		ids.set(0);
		CountDownLatch previous = hung;
		hung = new CountDownLatch(1);
		previous.countDown();
	}

	/** The next message is refused for good, e.g. {@code reject(400, "invalid number")}. */
	public void reject(int status, String error) {
		script.add(new Answer(status, "{\"error\":\"" + error + "\"}", null, false));
	}

	/** The next message is refused with 429 and a Retry-After of this many seconds. */
	public void rateLimit(int retryAfterSeconds) {
		script.add(new Answer(429, "{\"error\":\"too many requests\"}", Integer.toString(retryAfterSeconds), false));
	}

	/** The next message gets this status with an empty body, e.g. 503. */
	public void fail(int status) {
		script.add(new Answer(status, "", null, false));
	}

	/** The next message gets exactly this status and body, e.g. a 2xx without an id. */
	public void answer(int status, String body) {
		script.add(new Answer(status, body, null, false));
	}

	/** The next request is never answered (until {@link #reset()}): longer than any client timeout in the tests. */
	public void hang() {
		script.add(new Answer(0, "", null, true));
	}

	public List<Request> requests() {
		return List.copyOf(requests);
	}

	/**
	 * Posts a delivery receipt to Herald as the provider would, at {@code receiptsUrl}
	 * ({@code http://127.0.0.1:<port>/api/v1/sms/receipts}), with the token in {@code X-Receipt-Token} unless null.
	 */
	public Api.Response postReceipt(String receiptsUrl, String token, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(receiptsUrl))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("X-Receipt-Token", token);
		}
		return Api.send(request.build());
	}

	/** {@link #postReceipt(String, String, String)} of a receipt in the provider's format. */
	public Api.Response postReceipt(String receiptsUrl, String token, String id, String status, String error) {
		Map<String, Object> receipt = new LinkedHashMap<>();
		receipt.put("id", id);
		receipt.put("status", status);
		if (error != null) {
			receipt.put("error", error);
		}
		return postReceipt(receiptsUrl, token, Api.JSON.writeValueAsString(receipt));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Request request = new Request(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
					body, Instant.now());
			requests.add(request);
			Answer answer = script.poll();
			if (answer == null) {
				answer = accept(request);
			}
			if (answer.hang()) {
				hang(hung);
				return;
			}
			byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			if (answer.retryAfter() != null) {
				exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
			}
			exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	private Answer accept(Request request) {
		String key = request.header("Idempotency-Key");
		String id = key == null ? newId() : idsByKey.computeIfAbsent(key, k -> newId());
		return new Answer(200, "{\"id\":\"" + id + "\",\"status\":\"QUEUED\"}", null, false);
	}

	private String newId() {
		return "sms-" + ids.incrementAndGet();
	}

	private static void hang(CountDownLatch until) {
		try {
			until.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private record Answer(int status, String body, String retryAfter, boolean hang) {
	}

	/** One request as received. Header names as the JDK server normalises them (first letter upper case). */
	public record Request(String path, Map<String, List<String>> headers, String body, Instant at) {

		public String header(String name) {
			for (var entry : headers.entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name)) {
					return entry.getValue().get(0);
				}
			}
			return null;
		}

		/** The message fields, from the JSON object or the form, whichever the request carried. */
		public Map<String, String> fields() {
			String type = header("Content-Type");
			Map<String, String> fields = new LinkedHashMap<>();
			if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
				for (String pair : body.split("&")) {
					int eq = pair.indexOf('=');
					fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
			else {
				Api.JSON.readTree(body).properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
			}
			return fields;
		}

	}

}
