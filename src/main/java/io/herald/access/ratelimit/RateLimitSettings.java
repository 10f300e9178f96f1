package io.herald.access.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits per caller: each API key of a kind, each tracking token. Every limit is off unless its
 * {@code requests} is set above 0.
 *
 * @param merchant per merchant API key
 * @param station per station API key
 * @param operator per operator (admin) key; off by default, operators are exempt unless this is set
 * @param tracking per tracking token, over the customer's pages and live stream under {@code /track/{token}}
 * @param nodeHeartbeat how often a node writes that it is alive, so that every node learns how many share the limits
 * @param nodeTimeout a node not heard of for this long no longer counts
 */
@ConfigurationProperties("herald.rate-limits")
public record RateLimitSettings(@DefaultValue Limit merchant, @DefaultValue Limit station, @DefaultValue Limit operator,
		@DefaultValue Limit tracking, @DefaultValue("5s") Duration nodeHeartbeat, @DefaultValue("15s") Duration nodeTimeout) {

	public RateLimitSettings {
		if (nodeHeartbeat.isZero() || nodeHeartbeat.isNegative() || nodeTimeout.compareTo(nodeHeartbeat) <= 0) {
			throw new IllegalArgumentException(
					"herald.rate-limits.node-heartbeat must be positive and node-timeout longer than it");
		}
	}

	/** Whether any limit is on. */
	public boolean any() {
		return merchant.on() || station.on() || operator.on() || tracking.on();
	}

	/**
	 * A token bucket: {@code requests} per {@code period} on average, up to {@code burst} at once.
	 *
	 * @param requests requests per period; 0: no limit
	 * @param burst how many may come at once after a quiet spell; 0: as many as {@code requests}
	 */
	public record Limit(@DefaultValue("0") int requests, @DefaultValue("1m") Duration period,
			@DefaultValue("0") int burst) {

		public Limit {
			if (requests < 0 || burst < 0 || period.isZero() || period.isNegative()) {
				throw new IllegalArgumentException("a rate limit needs requests >= 0, burst >= 0 and a positive period");
			}
		}

		public boolean on() {
			return requests > 0;
		}

		public int capacity() {
			return burst > 0 ? burst : requests;
		}

	}

}
