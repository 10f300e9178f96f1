package io.herald.notification;

/**
 * Where a delivery stands. PENDING waits for its first send, FAILED for a retry; SENT was accepted by the receiver,
 * DELIVERED confirmed by its receipt (SMS); DEAD was given up with the reason. STANDBY is the same message for the
 * customer's next channel, sent only if the preferred one fails for good; SKIPPED was deliberately not sent, with the
 * reason (opted out, rate limit, a standby no longer needed).
 */
public enum DeliveryStatus {

	PENDING, SENT, DELIVERED, FAILED, DEAD, STANDBY, SKIPPED

}
