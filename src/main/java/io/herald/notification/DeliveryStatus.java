package io.herald.notification;

/** Where a delivery stands: waiting, sent, failed and waiting for a retry, or given up with a reason. */
public enum DeliveryStatus {

	PENDING, SENT, FAILED, DEAD

}
