package io.herald.notification.channel;

import io.herald.live.LiveSwitch;
import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.ChannelType;
import org.springframework.stereotype.Component;

/**
 * Switches the live feed on and off with the live channel: {@code live} in {@code herald.notifications.channels}.
 * A bean of its own rather than the channel itself, because the channel appends to the feed, whose streams ask this.
 */
@Component
class LiveChannelSwitch implements LiveSwitch {

	private final boolean enabled;

	LiveChannelSwitch(NotificationSettings settings) {
		this.enabled = enabled(settings);
	}

	static boolean enabled(NotificationSettings settings) {
		return settings.channels().contains(ChannelType.LIVE);
	}

	@Override
	public boolean enabled() {
		return enabled;
	}

}
