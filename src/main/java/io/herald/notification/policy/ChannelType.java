package io.herald.notification.policy;

/** A way to reach someone. */
public enum ChannelType {

	/** Signed JSON POST (Standard Webhooks) to the merchant's endpoint, which relays to the customer. */
	WEBHOOK,
	/** Email to the customer over SMTP. */
	EMAIL,
	/** The application log, for development. */
	LOG

}
