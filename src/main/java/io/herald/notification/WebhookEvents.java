package io.herald.notification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.merchant.Merchant;
import io.herald.notification.policy.NotificationKind;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * What merchants' webhook endpoints receive: which endpoints get a notification of a kind (as stable recipient
 * names the webhook channel resolves at send time), and the exact body, stored once and signed at every attempt.
 */
@Component
class WebhookEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Recipient names for the merchant's endpoints that want this kind; empty when none. */
	List<String> recipients(Merchant merchant, NotificationKind kind) {
		return merchant.hasWebhook() ? List.of("merchant:" + merchant.id()) : List.of();
	}

	/** The body: type, timestamp, data. */
	String payload(UUID deliveryId, UUID merchantId, NotificationKind kind, Instant occurredAt,
			Map<String, Object> data) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("type", "notification." + kind.name().toLowerCase());
		payload.put("timestamp", occurredAt.toString());
		payload.put("data", data);
		return JSON.writeValueAsString(payload);
	}

}
