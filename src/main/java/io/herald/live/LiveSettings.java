package io.herald.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live channel's streams (server-sent events). Whether the channel is on at all is not set here: like every
 * channel it is enabled by listing {@code live} in {@code herald.notifications.channels}.
 *
 * @param pollInterval how often a node reads events committed since its last read; the longest a committed event
 * waits before it is pushed (longer while another transaction that started earlier is still running)
 * @param heartbeat how often an idle stream gets a comment line, so proxies and load balancers keep it open and a
 * vanished client is noticed
 * @param timeout how long a stream stays open; the client then reconnects with its Last-Event-ID and misses nothing
 * @param maxStreams open streams per node; more are refused with 503
 * @param retention how long live events are kept for streams resuming from a Last-Event-ID; older ones are deleted
 * (a page that was away longer reloads its whole state on reconnecting anyway: the tracking page and the station app
 * fetch their content again whenever their stream opens)
 */
@ConfigurationProperties("herald.live")
public record LiveSettings(@DefaultValue("200ms") Duration pollInterval, @DefaultValue("15s") Duration heartbeat,
		@DefaultValue("30m") Duration timeout, @DefaultValue("1000") int maxStreams,
		@DefaultValue("48h") Duration retention) {

	public LiveSettings {
		if (pollInterval.isZero() || pollInterval.isNegative() || heartbeat.isZero() || heartbeat.isNegative()
				|| timeout.isZero() || timeout.isNegative() || retention.isZero() || retention.isNegative()) {
			throw new IllegalArgumentException("herald.live durations must be positive");
		}
		if (maxStreams < 1) {
			throw new IllegalArgumentException("herald.live.max-streams must be at least 1");
		}
	}

}
