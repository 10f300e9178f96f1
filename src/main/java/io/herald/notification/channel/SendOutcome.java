package io.herald.notification.channel;

import java.time.Duration;

/**
 * What one send attempt achieved.
 *
 * @param retryAfter the receiver's own wait hint (Retry-After), or null
 * @param reference the receiver's id for the accepted message (an SMS provider's message id), matched against its
 * delivery receipts later; null when the channel has none
 */
public record SendOutcome(Result result, String error, Duration retryAfter, String reference) {

	public enum Result {

		/** Accepted by the receiver. */
		SENT,
		/** Failed in a way that may pass later (timeout, 5xx, 429, connection refused). */
		RETRY,
		/** Will never pass (invalid address, 4xx): dead at once. */
		PERMANENT

	}

	public static SendOutcome sent() {
		return new SendOutcome(Result.SENT, null, null, null);
	}

	/** Accepted, under the receiver's own id for the message. */
	public static SendOutcome sent(String reference) {
		return new SendOutcome(Result.SENT, null, null, reference);
	}

	public static SendOutcome retry(String error) {
		return new SendOutcome(Result.RETRY, error, null, null);
	}

	public static SendOutcome retry(String error, Duration retryAfter) {
		return new SendOutcome(Result.RETRY, error, retryAfter, null);
	}

	public static SendOutcome permanent(String error) {
		return new SendOutcome(Result.PERMANENT, error, null, null);
	}

}
