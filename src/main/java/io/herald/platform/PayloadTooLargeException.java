package io.herald.platform;

/** A request body or batch larger than the configured limit; 413 problem+json. */
public class PayloadTooLargeException extends RuntimeException {

	public PayloadTooLargeException(String message) {
		super(message);
	}

}
