package io.herald.notification.policy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.herald.notification.policy.Intent.Disposition;

/**
 * Decides which notifications an order change produces, on which channels, and when.
 *
 * <ul>
 * <li>Merchants' webhook endpoints (and the development log) get every notification at once.</li>
 * <li>The customer gets each message once, on the first of their channels (their preference order, else the
 * configured default) that is enabled, has an address and is not opted out for the kind; the same message for
 * the next such channels is kept on standby, sent only if the preferred one fails for good (failover, once).
 * Opted-out channels are recorded as skipped.</li>
 * <li>During the customer's quiet hours a non-urgent message waits until they end; urgent ones go through.</li>
 * <li>Beyond the hourly limit per order, non-urgent customer messages are skipped with the reason; urgent ones are
 * exempt and do not count.</li>
 * <li>The order's live stream gets a copy of each message the customer is sent, at the same time (quiet hours
 * included), so the tracking page shows what they were told. Like a webhook it is a copy, not a customer channel:
 * never on standby or skipped, not counted against the hourly limit, not part of failover. A message the customer
 * is not sent on any channel (no address, opted out, rate limited) has no copy either.</li>
 * <li>Kafka gets each order event once, whatever webhook endpoints the merchant has ({@link #KAFKA_ORDER_EVENT}), and
 * a copy of each message the customer is sent, due with it like the live copy ({@link #KAFKA_CUSTOMER_MESSAGE}):
 * one row per event and per message, never per subscriber, since its consumers read one topic.</li>
 * </ul>
 */
public final class NotificationPolicy {

	/** The recipient of the Kafka notification that publishes the order event itself. */
	public static final String KAFKA_ORDER_EVENT = "order-event";

	/** The recipient of the Kafka notification that publishes the copy of the message the customer is sent. */
	public static final String KAFKA_CUSTOMER_MESSAGE = "customer-message";

	private final boolean notifyAssigned;

	private final Set<ChannelType> enabled;

	private final List<ChannelType> defaultCustomerChannels;

	private final Set<String> urgent;

	private final int maxPerOrderPerHour;

	/**
	 * @param urgent kinds that go through quiet hours and rate limits: {@code KIND}, or {@code KIND:variant} for one
	 * variant of it (the threshold of STOPS_AWAY: {@code STOPS_AWAY:1} is "1 stop away"); an unknown kind is an
	 * {@link IllegalArgumentException}
	 * @param maxPerOrderPerHour non-urgent customer messages per order and hour; 0 for no limit
	 */
	public NotificationPolicy(boolean notifyAssigned, Set<ChannelType> enabledChannels,
			List<ChannelType> defaultCustomerChannels, Set<String> urgent, int maxPerOrderPerHour) {
		this.notifyAssigned = notifyAssigned;
		this.enabled = enabledChannels.isEmpty() ? EnumSet.noneOf(ChannelType.class) : EnumSet.copyOf(enabledChannels);
		this.defaultCustomerChannels = List.copyOf(defaultCustomerChannels);
		this.urgent = urgent.stream().map(String::trim).collect(Collectors.toUnmodifiableSet());
		for (String entry : this.urgent) {
			// fail at startup on a typo rather than treat nothing as urgent
			NotificationKind.valueOf(entry.split(":", 2)[0].trim());
		}
		this.maxPerOrderPerHour = maxPerOrderPerHour;
	}

	public Optional<NotificationKind> kindFor(OrderChange change) {
		return Optional.ofNullable(switch (change) {
			case ASSIGNED -> notifyAssigned ? NotificationKind.ASSIGNED : null;
			case STOCKED -> NotificationKind.STOCKED;
			case STOCKING_FAILED -> NotificationKind.STOCKING_FAILED;
			case CANCELLED -> NotificationKind.CANCELLED;
			case STOP_ANNOUNCED -> NotificationKind.OUT_FOR_DELIVERY;
			case STOPS_AWAY_REACHED -> NotificationKind.STOPS_AWAY;
			case ETA_CHANGED -> NotificationKind.ETA_CHANGED;
			case DELIVERED -> NotificationKind.DELIVERED;
			case DELIVERY_FAILED -> NotificationKind.DELIVERY_FAILED;
			case RESOLUTION_CHOSEN -> NotificationKind.RESOLUTION_CONFIRMED;
			case PLACED, UNASSIGNED, RETURNED_TO_STATION -> null;
		});
	}

	/** Whether a message of this kind (and variant, e.g. the threshold of STOPS_AWAY) is urgent. */
	public boolean urgent(NotificationKind kind, String variant) {
		return urgent.contains(kind.name()) || (variant != null && urgent.contains(kind.name() + ":" + variant));
	}

	/** Whether customer messages are limited per order and hour at all. */
	public boolean limitsRate() {
		return maxPerOrderPerHour > 0;
	}

	/**
	 * @param variant what tells messages of one kind apart for urgency (the STOPS_AWAY threshold), or null
	 * @param dedupKey tells apart messages of one kind that may be sent more than once per order; stable when the
	 * same event is handled again (the event's time for stocking outcomes, the route and threshold for "N stops
	 * away", the route for "out for delivery")
	 * @param customerMessagesLastHour non-urgent messages the customer of this order got (or will get) within the
	 * last hour
	 */
	public List<Intent> decide(OrderChange change, String variant, String dedupKey, Recipients recipients,
			CustomerPreferences preferences, int customerMessagesLastHour, Instant now) {
		var found = kindFor(change);
		if (found.isEmpty()) {
			return List.of();
		}
		NotificationKind kind = found.get();
		List<Intent> intents = new ArrayList<>();
		if (enabled.contains(ChannelType.WEBHOOK)) {
			for (String webhook : recipients.webhooks()) {
				intents.add(new Intent(kind, dedupKey, ChannelType.WEBHOOK, webhook, 0, Disposition.SEND, null, null));
			}
		}
		if (enabled.contains(ChannelType.KAFKA)) {
			intents.add(new Intent(kind, dedupKey, ChannelType.KAFKA, KAFKA_ORDER_EVENT, 0, Disposition.SEND, null,
					null));
		}
		boolean isUrgent = urgent(kind, variant);
		String limited = !isUrgent && limitsRate() && customerMessagesLastHour >= maxPerOrderPerHour
				? "rate limit: at most " + maxPerOrderPerHour + " messages per order and hour" : null;
		Instant notBefore = isUrgent ? null : quietUntil(preferences, now);
		int rank = 0;
		boolean chosen = false;
		List<ChannelType> order = preferences.channels().isEmpty() ? defaultCustomerChannels : preferences.channels();
		for (ChannelType channel : order) {
			String address = recipients.contacts().get(channel);
			if (!channel.reachesCustomer() || !enabled.contains(channel) || address == null || address.isBlank()) {
				continue;
			}
			if (preferences.optedOut(kind, channel)) {
				intents.add(new Intent(kind, dedupKey, channel, address, rank++, Disposition.SKIP,
						"the customer opted out of " + kind + " on " + channel, null));
			}
			else if (limited != null) {
				intents.add(new Intent(kind, dedupKey, channel, address, rank++, Disposition.SKIP, limited, null));
			}
			else if (!chosen) {
				chosen = true;
				intents.add(new Intent(kind, dedupKey, channel, address, rank++, Disposition.SEND,
						notBefore == null ? null : "quiet hours", notBefore));
			}
			else {
				intents.add(new Intent(kind, dedupKey, channel, address, rank++, Disposition.STANDBY,
						"fallback if an earlier channel fails", notBefore));
			}
		}
		if (chosen && enabled.contains(ChannelType.LIVE)) {
			// the copy of the message just chosen for the customer, due with it
			intents.add(new Intent(kind, dedupKey, ChannelType.LIVE, recipients.orderNumber(), 0, Disposition.SEND,
					notBefore == null ? null : "quiet hours", notBefore));
		}
		if (chosen && enabled.contains(ChannelType.KAFKA)) {
			intents.add(new Intent(kind, dedupKey, ChannelType.KAFKA, KAFKA_CUSTOMER_MESSAGE, 0, Disposition.SEND,
					notBefore == null ? null : "quiet hours", notBefore));
		}
		if (enabled.contains(ChannelType.LOG)) {
			intents.add(new Intent(kind, dedupKey, ChannelType.LOG, recipients.orderNumber(), 0, Disposition.SEND, null,
					null));
		}
		return intents;
	}

	/** The end of the customer's quiet hours when {@code now} is inside them, else null. */
	public static Instant quietUntil(CustomerPreferences preferences, Instant now) {
		LocalTime start = preferences.quietStart();
		LocalTime end = preferences.quietEnd();
		if (start == null || start.equals(end)) {
			return null;
		}
		ZonedDateTime local = now.atZone(preferences.zone());
		LocalTime time = local.toLocalTime();
		boolean inside = start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
				: !time.isBefore(start) || time.isBefore(end);
		if (!inside) {
			return null;
		}
		ZonedDateTime until = local.with(end);
		if (!until.isAfter(local)) {
			until = until.plusDays(1).with(end);
		}
		return until.toInstant();
	}

}
