package io.herald.notification.policy;

/** A way to reach someone. */
public enum ChannelType {

	/** Signed JSON POST (Standard Webhooks) to each of the merchant's endpoints, which relay to the customer. */
	WEBHOOK,
	/** Email to the customer over SMTP. */
	EMAIL,
	/** Text message to the customer's phone through an HTTP SMS provider. */
	SMS,
	/** The application log, for development. */
	LOG;

	/** Whether the channel reaches the customer directly (and so follows their preferences and quiet hours). */
	public boolean reachesCustomer() {
		return this == EMAIL || this == SMS;
	}

}
