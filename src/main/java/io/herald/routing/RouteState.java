package io.herald.routing;

/** PLANNED -> STARTED -> FINISHED. */
public enum RouteState {

	PLANNED, STARTED, FINISHED

}
