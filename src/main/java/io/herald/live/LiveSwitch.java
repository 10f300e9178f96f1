package io.herald.live;

/**
 * Whether the live feed runs on this node. The notification module decides it and implements this: the live feed is
 * switched on and off as the live channel, with the other channels ({@code live} in
 * {@code herald.notifications.channels}). Off, nothing is recorded and every stream is refused with 503.
 */
public interface LiveSwitch {

	boolean enabled();

}
