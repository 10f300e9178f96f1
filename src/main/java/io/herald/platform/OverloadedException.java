package io.herald.platform;

import java.time.Duration;

/**
 * Herald is too busy to take this change now and changed nothing: answered 503 with {@code Retry-After}, so that
 * clients slow down before the backlog makes everyone's latency explode (back-pressure).
 */
public class OverloadedException extends RuntimeException {

	private final Duration retryAfter;

	public OverloadedException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	/** How long the client should wait before trying again. */
	public Duration retryAfter() {
		return retryAfter;
	}

}
