package io.herald.platform;

/**
 * Back-pressure on intake: asked before new work is accepted (orders, stocking reports), it refuses with
 * {@link OverloadedException} (503 with Retry-After) while what was accepted before is still far from being done.
 * The notification module decides from how far its sending lags behind: under saturation, intake slows down before
 * the backlog makes every customer's latency explode.
 */
public interface IntakeGate {

	/** @throws OverloadedException when new work should wait; nothing was changed */
	void check();

}
