package io.herald.notification.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which customer notifications an order change produces and on which of the enabled channels. Changes
 * customers need not hear about (placed, unassigned) produce nothing.
 */
public final class NotificationPolicy {

	private final boolean notifyAssigned;

	private final Set<ChannelType> enabled;

	public NotificationPolicy(boolean notifyAssigned, Set<ChannelType> enabledChannels) {
		this.notifyAssigned = notifyAssigned;
		this.enabled = enabledChannels.isEmpty() ? EnumSet.noneOf(ChannelType.class) : EnumSet.copyOf(enabledChannels);
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
			case PLACED, UNASSIGNED, RETURNED_TO_STATION -> null;
		});
	}

	/**
	 * @param dedupKey tells apart messages of one kind that may be sent more than once per order; stable when the
	 * same event is handled again (the event's time for stocking outcomes, the route and threshold for "N stops
	 * away", the route for "out for delivery")
	 */
	public List<Intent> decide(OrderChange change, String dedupKey, Recipients recipients) {
		var kind = kindFor(change);
		if (kind.isEmpty()) {
			return List.of();
		}
		List<Intent> intents = new ArrayList<>();
		if (enabled.contains(ChannelType.WEBHOOK) && present(recipients.webhook())) {
			intents.add(new Intent(kind.get(), dedupKey, ChannelType.WEBHOOK, recipients.webhook()));
		}
		if (enabled.contains(ChannelType.EMAIL) && present(recipients.email())) {
			intents.add(new Intent(kind.get(), dedupKey, ChannelType.EMAIL, recipients.email()));
		}
		if (enabled.contains(ChannelType.LOG)) {
			intents.add(new Intent(kind.get(), dedupKey, ChannelType.LOG, recipients.logName()));
		}
		return intents;
	}

	private static boolean present(String s) {
		return s != null && !s.isBlank();
	}

}
