package io.herald.notification.channel;

import io.herald.notification.policy.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Writes messages to the log: for development and the demo. */
@Component
class LogChannel implements Channel {

	private static final Logger log = LoggerFactory.getLogger("herald.notifications");

	@Override
	public ChannelType type() {
		return ChannelType.LOG;
	}

	@Override
	public SendOutcome send(Message message) {
		log.info("[{}] {} to {} ({}): {}\n{}", message.webhookId(), message.kind(), message.recipient(),
				message.locale(), message.subject(), message.body());
		return SendOutcome.sent();
	}

}
