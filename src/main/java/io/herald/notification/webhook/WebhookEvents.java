package io.herald.notification.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.herald.merchant.Merchant;
import io.herald.notification.policy.NotificationKind;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * What merchants' webhook endpoints receive: which endpoints get a notification of a kind (as stable recipient
 * names the webhook channel resolves at send time), and the exact body, stored once and signed at every attempt.
 *
 * <p>
 * The body is a CloudEvents 1.0 event in the structured JSON format, so that receivers can use any CloudEvents SDK
 * or router. The SDK's JSON format is built on Jackson 2 (there is none for Jackson 3); it writes only the envelope:
 * the data is serialised by Herald's own Jackson 3 mapper, like every other JSON Herald writes, and embedded as raw
 * JSON (the format does that for bytes with a JSON content type).
 */
@Component
public class WebhookEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonFormat CLOUD_EVENTS = new JsonFormat();

	private final WebhookSubscriptions subscriptions;

	WebhookEvents(WebhookSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	/**
	 * Recipient names for the merchant's endpoints that want this kind, empty when none: the merchant's own webhook
	 * URL (kept from before subscriptions existed; it gets every kind), then each enabled subscription whose event
	 * types include the kind. Called for every notification; the subscriptions come from a cache.
	 */
	public List<String> recipients(Merchant merchant, NotificationKind kind) {
		List<String> recipients = new ArrayList<>();
		if (merchant.hasWebhook()) {
			recipients.add("merchant:" + merchant.id());
		}
		for (WebhookSubscription subscription : subscriptions.ofMerchant(merchant.id())) {
			if (subscription.enabled() && subscription.wants(kind)) {
				recipients.add(subscription.recipient());
			}
		}
		return recipients;
	}

	/**
	 * The body: a CloudEvent whose id is the webhook-id ({@code msg_<notificationId>}), whose source is the merchant and
	 * whose type names the kind ({@code io.herald.notification.stocking_failed}), with the data as JSON.
	 */
	public String payload(UUID notificationId, UUID merchantId, NotificationKind kind, Instant occurredAt,
			Map<String, Object> data) {
		return event(notificationId, merchantId, "io.herald.notification." + kind.name().toLowerCase(Locale.ROOT),
				occurredAt, data);
	}

	/**
	 * A CloudEvent of another type in the same envelope as the webhooks' (id, source, time, JSON data), in the
	 * structured JSON format: the Kafka channel's copy of a customer message.
	 */
	public String event(UUID notificationId, UUID merchantId, String type, Instant occurredAt,
			Map<String, Object> data) {
		CloudEvent event = CloudEventBuilder.v1()
			.withId("msg_" + notificationId)
			.withSource(URI.create("/herald/merchants/" + merchantId))
			.withType(type)
			.withTime(occurredAt.atOffset(ZoneOffset.UTC))
			.withDataContentType("application/json")
			.withData(JSON.writeValueAsBytes(data))
			.build();
		return new String(CLOUD_EVENTS.serialize(event), StandardCharsets.UTF_8);
	}

}
