package io.herald.notification.policy;

import java.util.List;
import java.util.Map;

/**
 * Who can be reached for one order.
 *
 * @param webhooks the merchant's webhook endpoints that want this kind, as stable recipient names
 * @param contacts the customer's address per customer channel (EMAIL: the email address, SMS: the phone number);
 * a channel without an address is absent
 * @param orderNumber the order number: the recipient name on the channels that are about the order rather than a
 * person or endpoint (the log, the order's live stream)
 */
public record Recipients(List<String> webhooks, Map<ChannelType, String> contacts, String orderNumber) {

	public Recipients {
		webhooks = List.copyOf(webhooks);
		contacts = Map.copyOf(contacts);
	}

}
