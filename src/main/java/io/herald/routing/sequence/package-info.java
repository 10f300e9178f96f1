/**
 * Route sequencing in plain Java (no Spring, no database): the order in which one courier visits the stops of a
 * route, from the depot or the courier's current position, keeping promised time windows first and travel time
 * second. {@link io.herald.routing.sequence.Sequencer} is the entry point; it is deterministic for a given problem,
 * seed and iteration limit, with a wall-clock budget as a cap. The package also reads TSPLIB files, on which the
 * sequencer is benchmarked.
 */
package io.herald.routing.sequence;
