package io.herald.notification.policy;

/** The kinds of order changes the policy reacts to. */
public enum OrderChange {

	PLACED, ASSIGNED, UNASSIGNED, STOCKED, STOCKING_FAILED, CANCELLED, STOP_ANNOUNCED, STOPS_AWAY_REACHED,
	ETA_CHANGED, DELIVERED, DELIVERY_FAILED, RETURNED_TO_STATION, RESOLUTION_CHOSEN

}
