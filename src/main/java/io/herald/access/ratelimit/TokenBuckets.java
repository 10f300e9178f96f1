package io.herald.access.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;

/**
 * One token bucket per caller of one kind (Bucket4j, lock-free), sized for this node's share of the cluster: with N
 * live nodes each node allows burst/N at once (rounded up) and refills at requests/N per period, so N nodes together
 * allow what one bucket would, however the caller's requests are spread. When N changes, each bucket takes the new
 * size at its next use, keeping its fill in proportion. Plain Java: no Spring, no database.
 */
final class TokenBuckets {

	private final String name;

	private final RateLimitSettings.Limit limit;

	private final IntSupplier nodes;

	/** Idle callers' buckets go after an hour at the most; a bucket refills fully in one period anyway. */
	private final Cache<String, Sized> buckets;

	private record Sized(Bucket bucket, int[] nodes) {
	}

	TokenBuckets(String name, RateLimitSettings.Limit limit, IntSupplier nodes) {
		this.name = name;
		this.limit = limit;
		this.nodes = nodes;
		Duration idle = limit.period().multipliedBy(2);
		this.buckets = Caffeine.newBuilder()
			.expireAfterAccess(idle.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : idle)
			.maximumSize(200_000)
			.build();
	}

	/**
	 * Takes one token from the caller's bucket.
	 * @return whether the request may go on, and what to tell the caller
	 */
	Decision take(String caller) {
		int n = Math.max(1, nodes.getAsInt());
		Sized sized = buckets.get(caller, k -> new Sized(Bucket.builder().addLimit(bandwidth(n)).build(), new int[] { n }));
		if (sized.nodes()[0] != n) {
			synchronized (sized) {
				if (sized.nodes()[0] != n) {
					sized.bucket()
						.replaceConfiguration(BucketConfiguration.builder().addLimit(bandwidth(n)).build(),
								TokensInheritanceStrategy.PROPORTIONALLY);
					sized.nodes()[0] = n;
				}
			}
		}
		ConsumptionProbe probe = sized.bucket().tryConsumeAndReturnRemaining(1);
		long capacity = capacity(n);
		long remaining = probe.getRemainingTokens();
		// the cluster-wide estimate, if the caller's requests are spread evenly over the nodes
		long reported = Math.min(limit.capacity(), remaining * n);
		if (probe.isConsumed()) {
			long nanosPerToken = limit.period().toNanos() * n / limit.requests();
			long untilFull = (capacity - remaining) * nanosPerToken;
			return new Decision(true, reported, seconds(untilFull), 0, policy());
		}
		long wait = Math.max(1, seconds(probe.getNanosToWaitForRefill()));
		return new Decision(false, 0, wait, wait, policy());
	}

	private Bandwidth bandwidth(int n) {
		return Bandwidth.builder()
			.capacity(capacity(n))
			.refillGreedy(limit.requests(), limit.period().multipliedBy(n))
			.initialTokens(capacity(n))
			.build();
	}

	private long capacity(int n) {
		return Math.max(1, (limit.capacity() + n - 1) / n);
	}

	private static long seconds(long nanos) {
		return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
	}

	/** {@code RateLimit-Policy} of draft-ietf-httpapi-ratelimit-headers-10: quota and window, cluster-wide. */
	private String policy() {
		return "\"" + name + "\";q=" + limit.requests() + ";w=" + Math.max(1, limit.period().toSeconds());
	}

	/**
	 * @param remaining requests left before refusals (cluster-wide estimate)
	 * @param resetSeconds when the bucket is full again (allowed) or holds a token again (refused)
	 * @param retryAfterSeconds for a refusal, when to try again
	 */
	record Decision(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds, String policy) {

		String rateLimit(String name) {
			return "\"" + name + "\";r=" + remaining + ";t=" + resetSeconds;
		}

	}

}
