package io.herald.order;

import io.herald.platform.ConflictException;

/** A transition the order's current state does not allow; nothing was changed. Rendered as 409. */
public class InvalidTransitionException extends ConflictException {

	public InvalidTransitionException(String type, String message) {
		super(type, message);
	}

}
