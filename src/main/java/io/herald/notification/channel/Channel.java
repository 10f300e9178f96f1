package io.herald.notification.channel;

import io.herald.notification.policy.ChannelType;

/** A way to reach someone. Implementations are small, blocking, and report failures as outcomes, not exceptions. */
public interface Channel {

	ChannelType type();

	/** Whether the channel can send at all in this configuration (e.g. email needs an SMTP host). */
	default boolean available() {
		return true;
	}

	SendOutcome send(Message message);

}
