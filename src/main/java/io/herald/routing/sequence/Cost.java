package io.herald.routing.sequence;

/** What the sequencer minimizes, in this order: broken promises, then travel time. */
record Cost(long lateness, long travel) implements Comparable<Cost> {

	@Override
	public int compareTo(Cost other) {
		int byLateness = Long.compare(lateness, other.lateness);
		return byLateness != 0 ? byLateness : Long.compare(travel, other.travel);
	}

	boolean isBetterThan(Cost other) {
		return compareTo(other) < 0;
	}

}
