package io.herald.notification.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.notification.policy.NotificationKind;
import io.herald.notification.template.Rendered;
import io.herald.notification.webhook.WebhookEvents;
import io.herald.order.Order;
import org.springframework.stereotype.Component;

/**
 * The data of a notification for the merchant's systems: who, which order, what the customer was told (subject,
 * text, tracking link) and the machine-readable details (reason codes, failed items, place on the route, window).
 * Computed once when the notification is planned and stored with it, so every retry sends the same bytes.
 */
@Component
class WebhookPayloads {

	private final WebhookEvents webhookEvents;

	WebhookPayloads(WebhookEvents webhookEvents) {
		this.webhookEvents = webhookEvents;
	}

	/** The notification as webhook data; {@link WebhookEvents} wraps it into the signed body. */
	String of(UUID id, NotificationKind kind, Fact fact, Order order,
			Rendered rendered, Map<String, Object> context) {
		Map<String, Object> customer = new LinkedHashMap<>();
		customer.put("name", order.customer().name());
		customer.put("email", order.customer().email());
		customer.put("phone", order.customer().phone());
		customer.put("locale", order.customer().locale());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("notificationId", "msg_" + id);
		data.put("kind", kind.name());
		data.put("orderId", order.id());
		data.put("orderNumber", order.orderNumber());
		data.put("customer", customer);
		data.put("locale", rendered.locale());
		data.put("subject", rendered.subject());
		data.put("message", rendered.body());
		data.put("trackingUrl", context.get("trackingUrl"));
		if (context.get("reasonCode") != null) {
			data.put("reason", context.get("reasonCode"));
			data.put("reasonText", context.get("reason"));
			data.put("note", context.get("note"));
			if (fact.stockingFailure != null) {
				data.put("failedItems", context.get("failedItems"));
			}
		}
		for (String key : List.of("position", "total", "stopsBefore", "threshold")) {
			if (context.get(key) != null) {
				data.put(key, context.get(key));
			}
		}
		if (fact.window != null && fact.window[0] != null) {
			data.put("windowEarliest", fact.window[0].toString());
			data.put("windowLatest", fact.window[1].toString());
		}
		return webhookEvents.payload(id, order.merchantId(), kind, fact.occurredAt, data);
	}

}
