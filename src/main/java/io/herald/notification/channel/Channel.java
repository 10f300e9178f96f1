package io.herald.notification.channel;

import io.herald.notification.policy.ChannelType;

/**
 * A way to reach someone. Implementations are small, blocking, and report failures as outcomes, not exceptions. Each
 * is enabled by listing its {@link #type()} in {@code herald.notifications.channels}; the dispatcher sends every
 * delivery row through the implementation of its channel.
 */
public interface Channel {

	ChannelType type();

	/** Whether the channel can send at all in this configuration (e.g. email needs an SMTP host). */
	default boolean available() {
		return true;
	}

	/**
	 * Whether an accepted send is confirmed later by a receipt ({@code DeliveryReceipts}); until then the customer's
	 * fallback channel stays on standby. Channels without receipts count as delivered once accepted.
	 */
	default boolean confirmsDelivery() {
		return false;
	}

	SendOutcome send(Message message);

}
