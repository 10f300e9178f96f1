package io.herald.routing.sequence;

/**
 * The promised slot of a stop, in seconds from the route's start time. Arriving before {@code earliest} means
 * waiting; arriving after {@code latest} is lateness, which the sequencer minimizes before travel time.
 */
public record TimeWindow(int earliest, int latest) {

	public TimeWindow {
		if (earliest > latest) {
			throw new IllegalArgumentException("window opens at " + earliest + " after it closes at " + latest);
		}
	}

}
