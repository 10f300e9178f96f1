package io.herald.notification.outbox;

import java.time.Instant;
import java.util.UUID;

import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;

/**
 * One notification: one message to one recipient on one channel about one order event. Its id is also the
 * idempotency key receivers see (the webhook-id).
 *
 * @param html the HTML alternative of the body (email), or null
 * @param unsubscribeUrl the one-click unsubscribe link (email), or null
 * @param channelRank 0 for the customer's preferred channel, 1 for the first fallback, ...
 */
public record Notification(UUID id, UUID orderId, UUID merchantId, NotificationKind kind, String dedupKey, ChannelType channel,
		String recipient, String locale, String subject, String body, String payload, NotificationStatus status,
		int attempts, String lastError, Instant nextAttemptAt, Instant eventOccurredAt, Instant createdAt,
		Instant sentAt, UUID claimId, String html, String unsubscribeUrl, int channelRank) {

	/** DEAD, or FAILED for good (no next attempt): what the dead list shows and a re-drive takes. */
	public boolean givenUp() {
		return status == NotificationStatus.DEAD || (status == NotificationStatus.FAILED && nextAttemptAt == null);
	}

	/** A plain notification: no HTML, no unsubscribe link, the preferred channel. */
	public Notification(UUID id, UUID orderId, UUID merchantId, NotificationKind kind, String dedupKey,
			ChannelType channel, String recipient, String locale, String subject, String body, String payload,
			NotificationStatus status, int attempts, String lastError, Instant nextAttemptAt, Instant eventOccurredAt,
			Instant createdAt, Instant sentAt, UUID claimId) {
		this(id, orderId, merchantId, kind, dedupKey, channel, recipient, locale, subject, body, payload, status,
				attempts, lastError, nextAttemptAt, eventOccurredAt, createdAt, sentAt, claimId, null, null, 0);
	}

}
