package io.herald.notification;

import java.time.Duration;
import java.util.Set;

import io.herald.notification.policy.ChannelType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification pipeline settings.
 *
 * @param notifyAssigned also tell the customer when the order is assigned to a station
 * @param channels enabled channels
 * @param maxAttempts sends before a delivery is DEAD
 * @param baseDelay wait before the first retry; doubles per attempt, with jitter
 * @param maxDelay longest wait between attempts
 * @param dispatch the sender loop
 * @param webhook webhook channel
 * @param email email channel
 */
@ConfigurationProperties("herald.notifications")
public record NotificationSettings(@DefaultValue("false") boolean notifyAssigned,
		@DefaultValue({ "webhook", "email", "log" }) Set<ChannelType> channels, @DefaultValue("8") int maxAttempts,
		@DefaultValue("2s") Duration baseDelay, @DefaultValue("10m") Duration maxDelay,
		@DefaultValue Dispatch dispatch, @DefaultValue Webhook webhook, @DefaultValue Email email) {

	/**
	 * @param enabled whether this node sends (several nodes may; rows are claimed with SKIP LOCKED)
	 * @param pollInterval how often to look for due deliveries when nothing woke the dispatcher
	 * @param batchSize deliveries claimed per query
	 * @param maxInFlight concurrent sends of this node
	 * @param lease how long a claimed delivery stays reserved; after a crash it is retried once the lease ends
	 */
	public record Dispatch(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration pollInterval,
			@DefaultValue("100") int batchSize, @DefaultValue("64") int maxInFlight,
			@DefaultValue("2m") Duration lease) {
	}

	/**
	 * @param connectTimeout TCP connect timeout
	 * @param timeout whole-request timeout; slower receivers count as failed and are retried
	 */
	public record Webhook(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration timeout) {
	}

	/** @param from sender address of customer emails */
	public record Email(@DefaultValue("Herald <herald@localhost>") String from) {
	}

}
