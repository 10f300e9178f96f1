package io.herald.notification.policy;

/** The kinds of order changes the policy reacts to. */
public enum OrderChange {

	PLACED, ASSIGNED, UNASSIGNED, STOCKED, STOCKING_FAILED, CANCELLED

}
