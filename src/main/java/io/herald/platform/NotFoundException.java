package io.herald.platform;

/** Thrown when a resource does not exist or is not visible to the caller; rendered as 404 problem+json. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object id) {
		super(what + " " + id + " not found");
	}

}
