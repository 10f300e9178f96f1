package io.herald.notification;

import java.util.Map;

import io.herald.notification.outbox.Notification;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
/** Notification settings as the application binds them: the defaults, plus the given properties. */
public final class NotificationSettingsFixture {

	private NotificationSettingsFixture() {
	}

	public static NotificationSettings defaults() {
		return with(Map.of());
	}

	public static NotificationSettings with(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("herald.notifications",
				NotificationSettings.class);
	}

}
