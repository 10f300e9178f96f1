package io.herald.access;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked because its name or source failed too often lately: try again after the wait. */
class SignInThrottledException extends AuthenticationException {

	private final Duration wait;

	SignInThrottledException(Duration wait) {
		super("Too many attempts; try again in " + seconds(wait) + " s");
		this.wait = wait;
	}

	/** The wait in whole seconds, rounded up: never "0 s". */
	long seconds() {
		return seconds(wait);
	}

	private static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
