package io.herald.notification.channel;

import java.util.UUID;

import io.herald.notification.policy.NotificationKind;

/**
 * One message as a channel sends it.
 *
 * @param id stable across retries; receivers deduplicate on it
 * @param attempt 1 for the first send
 * @param payload JSON body for webhooks, else null
 * @param html the HTML alternative of the body (email), or null
 * @param unsubscribeUrl the one-click unsubscribe link (email: List-Unsubscribe), or null
 */
public record Message(UUID id, UUID orderId, UUID merchantId, NotificationKind kind, String recipient,
		String locale, String subject, String body, String payload, int attempt, String html,
		String unsubscribeUrl) {

	public Message(UUID id, UUID orderId, UUID merchantId, NotificationKind kind, String recipient, String locale,
			String subject, String body, String payload, int attempt) {
		this(id, orderId, merchantId, kind, recipient, locale, subject, body, payload, attempt, null, null);
	}

	/** The Standard Webhooks message id. */
	public String webhookId() {
		return "msg_" + id;
	}

}
