package io.herald.notification.outbox;

/**
 * Where a notification stands. PENDING waits for its first send. FAILED: the last attempt failed; with a next attempt time
 * a retry is scheduled, without one (a receipt said the message did not arrive) it is final. SENT was accepted by the
 * receiver, CONFIRMED by its receipt (an SMS delivery report); DEAD was given up with the reason (refused for good, or out of
 * attempts). DEAD and final FAILED notifications are the ones given up on: listed with their reason and re-drivable.
 * STANDBY is the same message for the customer's next channel, sent only if the preferred one fails for good;
 * SKIPPED was deliberately not sent, with the reason (opted out, rate limit, a standby no longer needed).
 */
public enum NotificationStatus {

	PENDING, SENT, CONFIRMED, FAILED, DEAD, STANDBY, SKIPPED

}
