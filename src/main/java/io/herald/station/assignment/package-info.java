/**
 * Assignment algorithms in plain Java (no Spring): which station serves a destination. Each rule is an
 * {@link io.herald.station.assignment.AssignmentStrategy}; an {@link io.herald.station.assignment.AssignmentChain}
 * tries them in the configured order.
 */
package io.herald.station.assignment;
