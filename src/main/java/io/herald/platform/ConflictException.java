package io.herald.platform;

/**
 * Thrown when a request contradicts the current state (an invalid transition, a duplicate with different content);
 * rendered as 409 problem+json with the given problem type.
 */
public class ConflictException extends RuntimeException {

	private final String type;

	public ConflictException(String type, String message) {
		super(message);
		this.type = type;
	}

	/** Short machine-readable problem type, appended to {@code https://herald.dev/problems/}. */
	public String type() {
		return type;
	}

}
