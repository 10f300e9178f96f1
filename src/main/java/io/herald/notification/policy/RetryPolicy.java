package io.herald.notification.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th retry waits {@code min(max, base * 2^(n-1))}, scaled by a random factor
 * in [0.5, 1) so that many failing notifications do not retry in lock-step. After {@code maxAttempts} sends the notification
 * is dead.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1");
		}
	}

	/**
	 * @param attemptsMade sends made so far, including the one that just failed
	 * @param random source of [0, 1) values
	 * @return the wait before the next attempt, or empty when no attempt is left
	 */
	public Optional<Duration> nextDelay(int attemptsMade, DoubleSupplier random) {
		if (attemptsMade >= maxAttempts) {
			return Optional.empty();
		}
		double exponential = baseDelay.toMillis() * Math.pow(2, Math.max(0, attemptsMade - 1));
		double capped = Math.min(maxDelay.toMillis(), exponential);
		return Optional.of(Duration.ofMillis(Math.max(1, Math.round(capped * (0.5 + random.getAsDouble() / 2)))));
	}

}
