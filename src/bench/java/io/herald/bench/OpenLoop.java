package io.herald.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.herald.bench.BenchMain.seconds;

/**
 * Single stocking reports at a fixed rate on a fixed schedule: report i is due at start + i / rate and is sent then
 * whether or not earlier ones were answered, so a slow Herald faces a growing backlog as it would in production
 * instead of slowing the generator down. Round trips are measured from the time a report was due, not from when it
 * left, so a late send counts against the round trip too (no coordinated omission). A back-pressure answer (429 or 503
 * with Retry-After) is sent again after the wait it asked for; its round trip runs on until the final answer.
 */
final class OpenLoop {

	/**
	 * @param count reports scheduled
	 * @param accepted reports accepted
	 * @param seconds from the first report due until the last was sent
	 * @param maxInFlight most requests awaiting their answer at once
	 * @param backPressured answers that asked to come back later (each retried)
	 * @param failed reports refused or cut off otherwise
	 * @param roundTrips report due to its final answer
	 * @param firstError the first failure or back-pressure answer, or null
	 */
	record Result(int count, long accepted, double seconds, int maxInFlight, long backPressured, long failed,
			Latencies roundTrips, String firstError) {

		/** Reports sent per second over the schedule. */
		double rate() {
			return count / seconds;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%d reports at %.0f/s over %.1f s (up to %d in flight, %d answers with back-pressure, %d failed)",
					count, rate(), seconds, maxInFlight, backPressured, failed);
		}

	}

	private OpenLoop() {
	}

	/** Reports every order stocked at {@code rate} per second and returns once every report has its final answer. */
	static Result run(StockingLoad load, List<UUID> orders, double rate) throws Exception {
		HeraldClient api = load.api();
		List<HeraldClient.StockingPost> posts = load.singleReports(api, orders);
		List<Long> roundTrips = Collections.synchronizedList(new ArrayList<>(orders.size()));
		AtomicInteger inFlight = new AtomicInteger(), maxInFlight = new AtomicInteger();
		AtomicLong accepted = new AtomicLong(), backPressured = new AtomicLong(), failed = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		CountDownLatch answered = new CountDownLatch(posts.size());
		ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
		long interval = Math.max(1, Math.round(1e9 / rate));
		long start = System.nanoTime();
		try {
			for (int i = 0; i < posts.size(); i++) {
				long due = start + i * interval;
				// park, not sleep(1): the schedule keeps its sub-millisecond spacing at any rate
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
				new Attempt(load, api, posts.get(i), due, retries, inFlight, maxInFlight, accepted, backPressured,
						failed, firstError, roundTrips, answered).send();
			}
			double sending = seconds(System.nanoTime() - start);
			answered.await();
			return new Result(posts.size(), accepted.get(), sending, maxInFlight.get(), backPressured.get(),
					failed.get(), new Latencies(roundTrips), firstError.get());
		}
		finally {
			retries.shutdownNow();
		}
	}

	/** One report on its way: sent, and sent again after each back-pressure answer, until it has a final one. */
	private record Attempt(StockingLoad load, HeraldClient api, HeraldClient.StockingPost post, long due,
			ScheduledExecutorService retries, AtomicInteger inFlight, AtomicInteger maxInFlight, AtomicLong accepted,
			AtomicLong backPressured, AtomicLong failed, AtomicReference<String> firstError, List<Long> roundTrips,
			CountDownLatch answered) {

		void send() {
			maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			api.sendAsync(post).whenComplete(this::answer);
		}

		private void answer(HttpResponse<String> response, Throwable failure) {
			long now = System.nanoTime();
			inFlight.decrementAndGet();
			if (failure == null) {
				long wait = HeraldClient.retryAfterMillis(response);
				if (wait >= 0) {
					backPressured.incrementAndGet();
					firstError.compareAndSet(null,
							response.statusCode() + " " + StockingLoad.abbreviate(response.body()));
					retries.schedule(this::send, wait, TimeUnit.MILLISECONDS);
					return;
				}
			}
			roundTrips.add(now - due);
			List<UUID> applied = failure == null ? post.applied(response) : List.of();
			load.accepted(applied, now);
			accepted.addAndGet(applied.size());
			if (applied.isEmpty()) {
				failed.incrementAndGet();
				firstError.compareAndSet(null, failure != null ? failure.toString()
						: response.statusCode() + " " + StockingLoad.abbreviate(response.body()));
			}
			answered.countDown();
		}

	}

}
