package io.herald.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

/**
 * Stations reporting stocking at a steady pace, as they would through a fault: each client thread reports one order
 * after the other (even threads through the single-report endpoint, which group commit serves; odd ones through the
 * batch endpoint with one report), and a report answered 503 is sent again after its {@code Retry-After} until it is
 * accepted, as a well-behaved client does. Every answer that is neither a 2xx nor a well-formed 503 problem with
 * {@code Retry-After}, and every request without an answer within {@link #HANG}, is recorded as unexpected.
 *
 * <p>
 * Shared by the database fault test and {@code bench/run chaos}.
 */
public final class SteadyReports implements AutoCloseable {

	/** A request that has no answer after this is a hang. */
	public static final Duration HANG = Duration.ofSeconds(30);

	/** The 503 problem types a client may be told while the database is away or Herald catches up. */
	public static final Set<String> REFUSALS = Set.of("urn:herald:problem:database-unavailable",
			"urn:herald:problem:database-read-only", "urn:herald:problem:database-full",
			"urn:herald:problem:overloaded");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final String stationKey;

	private final List<String> orderIds;

	private final Duration pause;

	private final Duration longestWait;

	private final AtomicInteger next = new AtomicInteger();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean stopping;

	private final Set<Integer> accepted = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

	private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

	/** nanoTime of the last 2xx answer. */
	private final AtomicLong lastAccepted = new AtomicLong();

	private final AtomicLong slowestAnswerNanos = new AtomicLong();

	/**
	 * @param pause between two orders of one thread
	 * @param longestWait the longest a thread waits before sending a refused report again, whatever Retry-After says
	 */
	public SteadyReports(int port, String stationKey, List<String> orderIds, int threads, Duration pause,
			Duration longestWait) {
		this.base = "http://127.0.0.1:" + port;
		this.stationKey = stationKey;
		this.orderIds = List.copyOf(orderIds);
		this.pause = pause;
		this.longestWait = longestWait;
		for (int i = 0; i < threads; i++) {
			boolean single = i % 2 == 0;
			Thread thread = new Thread(() -> run(single), "steady-reports-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
		}
	}

	public SteadyReports start() {
		threads.forEach(Thread::start);
		return this;
	}

	private void run(boolean single) {
		for (int i = next.getAndIncrement(); !stopping && i < orderIds.size(); i = next.getAndIncrement()) {
			report(i, single);
			sleep(pause);
		}
	}

	/** Sends the report of order {@code i} until it is accepted or answered with something unexpected. */
	private void report(int i, boolean single) {
		String orderId = orderIds.get(i);
		String body = single
				? (BurstFixtures.fails(i) ? "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}" : "{\"status\":\"STOCKED\"}")
				: BurstFixtures.reports(orderIds, i, i + 1);
		String path = single ? "/api/v1/orders/" + orderId + "/stocking" : "/api/v1/stocking-reports";
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(HANG)
			.header("Authorization", "Bearer " + stationKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		while (true) {
			long sent = System.nanoTime();
			HttpResponse<String> response;
			try {
				response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException e) {
				// no answer (a hang past HANG, or Herald not listening): the report may or may not be stored; send again
				unexpected.add(path + " order " + i + ": no answer: " + e);
				sleep(longestWait);
				continue;
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			slowestAnswerNanos.accumulateAndGet(System.nanoTime() - sent, Math::max);
			int status = response.statusCode();
			if (status / 100 == 2) {
				accepted.add(i);
				lastAccepted.set(System.nanoTime());
				return;
			}
			Duration wait = refusal(response);
			if (wait == null) {
				unexpected.add(path + " order " + i + ": " + status + " " + response.headers().map() + " "
						+ response.body());
				return;
			}
			sleep(wait.compareTo(longestWait) > 0 ? longestWait : wait);
		}
	}

	/** How long a well-formed refusal asks to wait; null for anything else. */
	private Duration refusal(HttpResponse<String> response) {
		if (response.statusCode() != 503
				|| !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
			return null;
		}
		String retryAfter = response.headers().firstValue("Retry-After").orElse("");
		if (!retryAfter.matches("\\d+")) {
			return null;
		}
		JsonNode problem = Api.JSON.readTree(response.body());
		String type = problem.path("type").asString();
		if (!REFUSALS.contains(type) || problem.path("status").asInt() != 503) {
			return null;
		}
		refusals.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
		return Duration.ofSeconds(Long.parseLong(retryAfter));
	}

	/** Indexes (into the order ids) of the reports answered 2xx so far. */
	public Set<Integer> accepted() {
		return Set.copyOf(accepted);
	}

	/** 503 answers so far, by problem type. */
	public Map<String, Integer> refusals() {
		Map<String, Integer> counts = new java.util.TreeMap<>();
		refusals.forEach((type, count) -> counts.put(type, count.get()));
		return counts;
	}

	public int refused() {
		return refusals.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/** Answers that were neither 2xx nor a well-formed 503, and requests without an answer. */
	public List<String> unexpected() {
		return List.copyOf(unexpected);
	}

	/** nanoTime of the last 2xx answer, 0 before the first. */
	public long lastAccepted() {
		return lastAccepted.get();
	}

	/** The longest any request waited for its answer. */
	public Duration slowestAnswer() {
		return Duration.ofNanos(slowestAnswerNanos.get());
	}

	/** Orders handed out so far (some may still be retried). */
	public int started() {
		return Math.min(next.get(), orderIds.size());
	}

	/** Stops handing out orders; each thread still sees its current report accepted. Waits for them. */
	@Override
	public void close() throws InterruptedException {
		stopping = true;
		for (Thread thread : threads) {
			thread.join(Duration.ofMinutes(2).toMillis());
		}
	}

	private static void sleep(Duration d) {
		try {
			Thread.sleep(d.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
