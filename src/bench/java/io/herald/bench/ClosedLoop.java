package io.herald.bench;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import static io.herald.bench.BenchMain.seconds;

/**
 * Saturation: several clients, each posting its next stocking request as soon as the last one is answered, as many
 * stations tapping as fast as Herald lets them. A request Herald answers with back-pressure (429 or 503 with
 * Retry-After) is sent again after the wait it asked for, by the same client, and counted; any other failure counts
 * its reports as failed and the client goes on.
 */
final class ClosedLoop {

	/**
	 * @param accepted reports accepted
	 * @param seconds from the first request sent until the last answered
	 * @param backPressured answers that asked to come back later (each retried)
	 * @param failed reports refused or cut off otherwise
	 * @param unsentPeak the largest backlog of unsent notifications seen meanwhile (sampled every second)
	 * @param firstError the first failure or back-pressure answer, or null
	 */
	record Result(long accepted, double seconds, long backPressured, long failed, long unsentPeak, String firstError) {

		double rate() {
			return accepted / seconds;
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT,
					"%d reports accepted in %.2f s = %.0f/s (%d answers with back-pressure, retried; %d failed); unsent notifications peaked at %d",
					accepted, seconds, rate(), backPressured, failed, unsentPeak);
		}

	}

	private ClosedLoop() {
	}

	/**
	 * Sends every request through {@code via} with {@code connections} clients and returns when each is answered.
	 * @param posts built beforehand, so that the generator spends its CPU on sending
	 */
	static Result run(StockingLoad load, HeraldClient via, List<HeraldClient.StockingPost> posts, int connections)
			throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicLong accepted = new AtomicLong(), backPressured = new AtomicLong(), failed = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		HeraldDatabase database = load.herald().database();
		Sampler backlog = new Sampler(database::unsentDeliveries);
		CountDownLatch done = new CountDownLatch(connections);
		long start = System.nanoTime();
		for (int c = 0; c < connections; c++) {
			Thread client = new Thread(() -> {
				try {
					for (int i = next.getAndIncrement(); i < posts.size(); i = next.getAndIncrement()) {
						HeraldClient.StockingPost post = posts.get(i);
						long wait;
						while ((wait = post(load, via, post, accepted, failed, firstError)) >= 0) {
							backPressured.incrementAndGet();
							Thread.sleep(wait);
						}
					}
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				finally {
					done.countDown();
				}
			}, "closed-loop-client-" + c);
			client.start();
		}
		done.await();
		double elapsed = seconds(System.nanoTime() - start);
		return new Result(accepted.get(), elapsed, backPressured.get(), failed.get(), backlog.stopAndMax(),
				firstError.get());
	}

	/** Sends one request; returns the back-pressure wait in ms, or -1 once the request is done with. */
	private static long post(StockingLoad load, HeraldClient via, HeraldClient.StockingPost post, AtomicLong accepted,
			AtomicLong failed, AtomicReference<String> firstError) {
		try {
			HttpResponse<String> response = via.send(post);
			long now = System.nanoTime();
			long wait = HeraldClient.retryAfterMillis(response);
			if (wait >= 0) {
				firstError.compareAndSet(null, response.statusCode() + " " + StockingLoad.abbreviate(response.body()));
				return wait;
			}
			List<java.util.UUID> applied = post.applied(response);
			load.accepted(applied, now);
			accepted.addAndGet(applied.size());
			failed.addAndGet(post.orders().size() - applied.size());
			if (applied.size() < post.orders().size()) {
				firstError.compareAndSet(null, response.statusCode() + " " + StockingLoad.abbreviate(response.body()));
			}
		}
		catch (RuntimeException e) {
			failed.addAndGet(post.orders().size());
			firstError.compareAndSet(null, e.toString());
		}
		return -1;
	}

	/**
	 * Samples a gauge every second on a daemon thread and keeps the maximum. Once a second, because each sample is a
	 * query that PostgreSQL's measured CPU pays for.
	 */
	private static final class Sampler {

		private final AtomicLong max = new AtomicLong(-1);

		private final Thread thread;

		private volatile boolean running = true;

		Sampler(IntSupplier gauge) {
			thread = new Thread(() -> {
				while (running) {
					max.accumulateAndGet(gauge.getAsInt(), Math::max);
					try {
						Thread.sleep(1000);
					}
					catch (InterruptedException e) {
						return;
					}
				}
			}, "sampler");
			thread.setDaemon(true);
			thread.start();
		}

		long stopAndMax() throws InterruptedException {
			running = false;
			thread.interrupt();
			thread.join();
			return max.get();
		}

	}

}
