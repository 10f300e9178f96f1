package io.herald.notification.channel;

import java.time.Clock;
import java.util.Map;

import io.herald.notification.NotificationSettingsFixture;
import io.herald.notification.policy.ChannelType;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The live channel is enabled like every channel, by the one list of channels, and has no switch of its own. */
class LiveChannelTests {

	@Test
	void enabledByDefaultAndByTheListOfChannelsOnly() {
		var byDefault = new LiveChannel(null, NotificationSettingsFixture.with(Map.of()), new MockEnvironment(),
				Clock.systemUTC());
		assertThat(byDefault.type()).isEqualTo(ChannelType.LIVE);
		assertThat(byDefault.available()).isTrue();
		assertThat(byDefault.confirmsReceipt()).isFalse();
		assertThat(byDefault.enabled()).isTrue();
		assertThat(new LiveChannel(null,
				NotificationSettingsFixture.with(Map.of("herald.notifications.channels", "webhook,live")),
				new MockEnvironment(), Clock.systemUTC()).enabled()).isTrue();
		assertThat(new LiveChannel(null,
				NotificationSettingsFixture.with(Map.of("herald.notifications.channels", "webhook,email,sms,log")),
				new MockEnvironment(), Clock.systemUTC()).enabled()).isFalse();
	}

	@Test
	void theFormerSwitchStopsTheStartInsteadOfBeingIgnored() {
		var environment = new MockEnvironment().withProperty("herald.live.enabled", "false");
		assertThatThrownBy(
				() -> new LiveChannel(null, NotificationSettingsFixture.with(Map.of()), environment, Clock.systemUTC()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("herald.live.enabled was removed")
			.hasMessageContaining("herald.notifications.channels");
	}

}
