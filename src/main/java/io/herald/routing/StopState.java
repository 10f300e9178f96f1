package io.herald.routing;

/** PENDING until the courier is done with it; REMOVED when re-planning took it off the route. */
public enum StopState {

	PENDING, DELIVERED, FAILED, SKIPPED, REMOVED

}
