package io.herald.notification;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.herald.notification.outbox.Notification;
import io.herald.notification.policy.ChannelType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
/**
 * Notification pipeline settings.
 *
 * @param notifyAssigned also tell the customer when the order is assigned to a station
 * @param channels enabled channels (a channel is used when it is enabled and configured: email needs
 * {@code spring.mail.host}, SMS {@code herald.notifications.sms.base-url}); {@code live} records the orders' changes
 * for the live streams, serves them ({@code herald.live.*}) and copies each customer message to the order's stream,
 * and without it nothing is recorded and streams are refused with 503; {@code kafka} publishes every order event and a
 * copy of every customer message when {@code herald.kafka.bootstrap-servers} is set
 * @param customerChannels the customer's channels in order of preference, unless they chose their own: the first
 * usable one sends, the next ones are the failover
 * @param urgent kinds that go through quiet hours and rate limits: {@code KIND}, or {@code KIND:variant} for one
 * variant ({@code STOPS_AWAY:1} is "1 stop away")
 * @param maxPerOrderPerHour non-urgent customer messages per order and hour (0: no limit); beyond it they are
 * skipped, with the reason on the notification row
 * @param announceEachAttempt "out for delivery", "N stops away" and "delivery failed" once per order (false, the
 * default), or once per delivery attempt (true: an order that goes out again on a new route after a failed
 * delivery is announced again)
 * @param coalesceWindow an ETA change waits this long for later ones; changes within it become one message
 * @param publicUrl the address customers reach Herald at, for the links in messages (unsubscribe)
 * @param unsubscribeSecret key of the signed unsubscribe links; when empty, one is generated on first start and
 * kept in the database
 * @param maxAttempts sends before a notification is DEAD
 * @param baseDelay wait before the first retry; doubles per attempt, with jitter
 * @param maxDelay longest wait between attempts
 * @param templates message templates
 * @param dispatch the sender loop
 * @param webhook webhook channel
 * @param email email channel
 */
@ConfigurationProperties("herald.notifications")
public record NotificationSettings(@DefaultValue("false") boolean notifyAssigned,
		@DefaultValue({ "webhook", "email", "sms", "live", "log" }) Set<ChannelType> channels,
		@DefaultValue({ "email", "sms" }) List<ChannelType> customerChannels,
		@DefaultValue({ "STOCKING_FAILED", "DELIVERY_FAILED", "STOPS_AWAY:1" }) Set<String> urgent,
		@DefaultValue("10") int maxPerOrderPerHour, @DefaultValue("false") boolean announceEachAttempt,
		@DefaultValue("60s") Duration coalesceWindow,
		@DefaultValue("http://localhost:8080") String publicUrl, String unsubscribeSecret,
		@DefaultValue("8") int maxAttempts, @DefaultValue("2s") Duration baseDelay,
		@DefaultValue("10m") Duration maxDelay, @DefaultValue Templates templates, @DefaultValue Dispatch dispatch,
		@DefaultValue Webhook webhook, @DefaultValue Email email) {

	/**
	 * @param overrideDir a directory whose templates replace the built-in ones of the same channel, kind and locale
	 * (same layout as {@code notifications/templates} in the jar), read at startup; none by default
	 */
	public record Templates(Path overrideDir) {
	}

	/**
	 * @param enabled whether this node sends (several nodes may; rows are claimed with SKIP LOCKED)
	 * @param pollInterval how often to look for due notifications when nothing woke the dispatcher
	 * @param batchSize notifications claimed per query
	 * @param maxInFlight concurrent sends of this node (asynchronous: a send waiting for its receiver holds a slot and
	 * a connection, not a thread)
	 * @param senderThreads threads for blocking sends (email) and for writing failed outcomes
	 * @param maxLag intake is refused (503, Retry-After) while the oldest due notification waits longer than this for its
	 * send: back-pressure, so that the backlog cannot grow until everyone's latency explodes
	 * @param lease how long a claimed notification stays reserved; after a crash it is retried once the lease ends
	 */
	public record Dispatch(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration pollInterval,
			@DefaultValue("100") int batchSize, @DefaultValue("512") int maxInFlight,
			@DefaultValue("16") int senderThreads, @DefaultValue("5s") Duration maxLag,
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
