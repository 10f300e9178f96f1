package io.herald.notification.policy;

/** A way to reach someone. */
public enum ChannelType {

	/** Signed JSON POST (Standard Webhooks) to each of the merchant's endpoints, which relay to the customer. */
	WEBHOOK,
	/** Email to the customer over SMTP. */
	EMAIL,
	/** Text message to the customer's phone through an HTTP SMS provider. */
	SMS,
	/**
	 * The order's live stream (server-sent events: the customer's tracking page, API clients following the order).
	 * Enabling it records the order's changes for the streams and serves them; as a message channel it carries a copy
	 * of each message the customer is sent, so an open tracking page shows what they were told.
	 */
	LIVE,
	/**
	 * Apache Kafka ({@code herald.kafka.*}): every order event, with the data its webhook carries, and a copy of every
	 * message the customer is sent, as CloudEvents keyed by order id, for the merchant's own consumers. Like the
	 * webhook and the live copy it never reaches the customer.
	 */
	KAFKA,
	/** The application log, for development. */
	LOG;

	/**
	 * Whether the channel reaches the customer directly (and so follows their preferences and quiet hours, counts
	 * against the hourly limit and takes part in failover). Not the live channel nor Kafka: they only copy what they are sent.
	 */
	public boolean reachesCustomer() {
		return this == EMAIL || this == SMS;
	}

}
