package io.herald.notification.policy;

/** What a customer message is about. One notification per order, kind, channel and recipient. */
public enum NotificationKind {

	/** The order was assigned to a station (optional, see {@code herald.notifications.notify-assigned}). */
	ASSIGNED,
	/** "Your goods are ready." */
	STOCKED,
	/** The goods could not be prepared: the localized reason and which items. */
	STOCKING_FAILED,
	/** The order was cancelled. */
	CANCELLED,
	/** The route started: "you are stop k of n, expected between 14:10 and 14:40". */
	OUT_FOR_DELIVERY,
	/** "N stops away", once per configured threshold. */
	STOPS_AWAY,
	/** The window the customer was told moved by more than the configured amount. */
	ETA_CHANGED,
	/** Delivered. */
	DELIVERED,
	/** The courier could not deliver, and why. */
	DELIVERY_FAILED,
	/** The customer's choice after a stocking failure (wait, deliver the rest) reached the station. */
	RESOLUTION_CONFIRMED

}
