package io.herald.notification.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.herald.live.LiveFeed;
import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.ChannelType;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
/**
 * The live channel, behind the same {@link Channel} interface as the others and enabled the same way: by listing
 * {@code live} in {@code herald.notifications.channels} (it is in the default). Everything it writes is a
 * {@code live_event} row, which the live feed ({@code io.herald.live}) pushes to the open server-sent-event streams and replays after a
 * client's Last-Event-ID. The rows come from two places:
 * <ul>
 * <li><b>The order's changes</b>, recorded by the live module inside the transaction of the change, when
 * {@link #enabled()}: the rows are the outbox, so a stream never shows a change that rolled back nor misses one that
 * committed. They have no notification row: a {@code live_event} row is already durable and ordered, and a notification row
 * per change would only queue the writing of that row, doubling the writes of every order and route event.</li>
 * <li><b>{@link #send}</b>: a copy of each message the customer is sent, which the notification policy routes here
 * as a notification row like any channel's (see {@code NotificationPolicy}). The dispatcher sends it like any other, and
 * it is appended to the order's stream (not the station's) as a {@code notification.message} event, so an open
 * tracking page shows what the customer was told. The text is the channel's own template ({@code live/}), without
 * the customer's name or the tracking link, since the order's station and merchant may follow the same stream. The
 * event carries the message id ({@code notificationId}, as in webhooks): a re-send after a crash finds its event
 * already there and adds none.</li>
 * </ul>
 * Without {@code live} in the list nothing is recorded, streams are refused with 503, and the policy routes no copy
 * here; a copy queued before the channel was switched off ends DEAD with the reason, and can be re-driven. The former
 * switch {@code herald.live.enabled} stops the start with a message saying so, rather than being ignored.
 */
@Component
public class LiveChannel implements Channel {

	/** The live channel's own switch before it became one of the channels. */
	static final String REMOVED_SWITCH = "herald.live.enabled";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LiveFeed feed;

	private final boolean enabled;

	private final Clock clock;

	LiveChannel(LiveFeed feed, NotificationSettings settings, Environment environment, Clock clock) {
		if (environment.containsProperty(REMOVED_SWITCH)) {
			// ignored, it would silently turn a channel someone switched off back on
			throw new IllegalStateException(REMOVED_SWITCH + " was removed: the live channel is enabled like every "
					+ "channel, by listing live in herald.notifications.channels (it is in the default list)");
		}
		this.feed = feed;
		this.clock = clock;
		this.enabled = LiveChannelSwitch.enabled(settings);
		if (!enabled) {
			// a channel list written before the live channel existed would switch it off unnoticed
			org.slf4j.LoggerFactory.getLogger(LiveChannel.class).warn("The live channel is off ({} does not list live): "
					+ "tracking pages and the station app get no live updates, live streams answer 503",
					"herald.notifications.channels");
		}
	}

	@Override
	public ChannelType type() {
		return ChannelType.LIVE;
	}

	/**
	 * Whether the configuration enables the live channel: only then are the orders' changes recorded and streams
	 * served on this node.
	 */
	public boolean enabled() {
		return enabled;
	}

	/**
	 * Appends the message to its order's stream: type, order id and number (the recipient of a live notification), when it
	 * went out, the message id, kind, locale, subject and text.
	 */
	@Override
	public SendOutcome send(Message message) {
		if (!enabled) {
			return SendOutcome.permanent("the live channel is not enabled (herald.notifications.channels)");
		}
		Instant now = clock.instant();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("type", LiveFeed.MESSAGE);
		data.put("orderId", message.orderId());
		data.put("orderNumber", message.recipient());
		data.put("occurredAt", now.toString());
		data.put("notificationId", message.webhookId());
		data.put("kind", message.kind().name());
		data.put("locale", message.locale());
		data.put("subject", message.subject());
		data.put("text", message.body());
		try {
			feed.appendMessage(message.orderId(), JSON.writeValueAsString(data), now);
			return SendOutcome.sent();
		}
		catch (DataAccessException e) {
			return SendOutcome.retry("writing the live event failed: " + e.getMessage());
		}
	}

}
