package io.herald.routing.split;

/**
 * One courier available to a split.
 *
 * @param id the caller's name for the courier, carried through untouched
 * @param capacity items the courier can carry at once (the sum of the demands of its stops)
 * @param shiftEndSeconds seconds from the plan's start by which the courier must have finished its last stop (and be
 * back at the depot when the problem asks for a return); {@link Integer#MAX_VALUE} for no limit
 */
public record Vehicle(String id, int capacity, int shiftEndSeconds) {

	public Vehicle {
		if (capacity < 0) {
			throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
		}
	}

	/** A courier without a shift end. */
	public static Vehicle withoutShiftEnd(String id, int capacity) {
		return new Vehicle(id, capacity, Integer.MAX_VALUE);
	}

}
