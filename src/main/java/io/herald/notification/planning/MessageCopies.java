package io.herald.notification.planning;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.Redaction;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.webhook.WebhookEvents;
import io.herald.order.Order;
import org.springframework.stereotype.Component;

/**
 * The copy of a message the customer is sent, as the Kafka channel publishes it: a CloudEvent of type
 * {@code io.herald.message.<kind>} in the webhooks' envelope, whose data say what the customer was told (subject and
 * text, exactly as sent), on which channel, in which language, and to which address, masked.
 *
 * <p>
 * The consumers this is for (a merchant's analytics, its customer service answering "what did you tell me?") need
 * the channel and the words, and at most enough of the address to recognise it ({@code l***@example.com},
 * {@code +86*********00}); the full contact is the order's, which the order event carries as the webhook does. Every
 * message is copied and a topic keeps what it is given for its retention, so the copies leave the address out rather
 * than spread one more copy of it through the log.
 */
@Component
class MessageCopies {

	/** The CloudEvent type of a copy, followed by the kind in lower case. */
	static final String TYPE = "io.herald.message.";

	private final WebhookEvents events;

	MessageCopies(WebhookEvents events) {
		this.events = events;
	}

	/** The copy of {@code told}, the customer's notification, as the body of the Kafka notification {@code id}. */
	String of(UUID id, Notification told, Fact fact, Order order) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("orderId", order.id());
		data.put("orderNumber", order.orderNumber());
		data.put("kind", told.kind().name());
		data.put("channel", told.channel().name());
		data.put("recipient", masked(told.channel(), told.recipient()));
		data.put("locale", told.locale());
		data.put("subject", told.subject());
		data.put("text", told.body());
		return events.event(id, order.merchantId(), TYPE + told.kind().name().toLowerCase(Locale.ROOT),
				fact.occurredAt, data);
	}

	/** The address masked, as a station sees it in the notification history ({@link Redaction#address}). */
	static String masked(ChannelType channel, String address) {
		return Redaction.address(channel, address);
	}

}
