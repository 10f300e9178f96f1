package io.herald.notification;

import java.time.Instant;
import java.util.UUID;

import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;

/**
 * One notification: one message to one recipient on one channel about one order event. Its id is also the
 * idempotency key receivers see (the webhook-id).
 */
public record Delivery(UUID id, UUID orderId, UUID merchantId, NotificationKind kind, String dedupKey, ChannelType channel,
		String recipient, String locale, String subject, String body, String payload, DeliveryStatus status,
		int attempts, String lastError, Instant nextAttemptAt, Instant eventOccurredAt, Instant createdAt,
		Instant sentAt, UUID claimId) {
}
