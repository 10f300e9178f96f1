package io.herald.order;

/** What the customer wants after their goods could not be prepared; the station acts on it. */
public enum Resolution {

	/** Keep the order and deliver everything once the station has restocked. */
	WAIT_FOR_RESTOCK,
	/** Deliver the items that are there, without the missing ones. */
	DELIVER_REST,
	/** Cancel the order. */
	CANCEL

}
