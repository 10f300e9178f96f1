package io.herald.routing.sequence;

/**
 * A visiting order and its schedule.
 *
 * @param sequence the stop indices 1..n in visiting order, starting with the problem's fixed prefix
 * @param arrivalSeconds arrival at {@code sequence[i]}, in seconds from the route's start, before any waiting for
 * its window to open
 * @param travelSeconds total travel time (including the leg back to the start for a closed tour); service and
 * waiting are not included
 * @param latenessSeconds sum over the stops of how long after its window's end the courier arrives
 * @param iterations improvement iterations run; with the same problem and seed, a run limited to this many
 * iterations returns this result again on any machine
 */
public record SequenceResult(int[] sequence, int[] arrivalSeconds, long travelSeconds, long latenessSeconds,
		int iterations) {

	/** By the sequencer's own objective: less lateness, then less travel. */
	public boolean isBetterThan(SequenceResult other) {
		return new Cost(latenessSeconds, travelSeconds).isBetterThan(new Cost(other.latenessSeconds, other.travelSeconds));
	}

}
