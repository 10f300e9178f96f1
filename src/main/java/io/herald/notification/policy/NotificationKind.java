package io.herald.notification.policy;

/** What a customer message is about. One delivery per order, kind, channel and recipient. */
public enum NotificationKind {

	/** The order was assigned to a station (optional, see {@code herald.notifications.notify-assigned}). */
	ASSIGNED,
	/** "Your goods are ready." */
	STOCKED,
	/** The goods could not be prepared: the localized reason and which items. */
	STOCKING_FAILED,
	/** The order was cancelled. */
	CANCELLED

}
