package io.herald.order;

import io.herald.platform.ConflictException;

/** Another request changed the same order at the same moment; the client may retry. */
class ConcurrentOrderUpdateException extends ConflictException {

	ConcurrentOrderUpdateException() {
		super("concurrent-update", "The order was changed by another request at the same time; retry");
	}

}
