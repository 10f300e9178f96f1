package io.herald.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Herald keeps what would otherwise grow for ever (docs/architecture.md, "Retention"). A retention of zero
 * keeps those rows for ever. Live events have their own {@code herald.live.retention}, because a stream resumes from
 * them.
 *
 * @param orders a finished order (delivered, cancelled, or failed in delivery and left so) with its story, tracking
 * token and notifications is deleted this long after its last change, unless some of its work is still in flight
 * @param routes a finished route with its stops is deleted this long after it finished
 * @param deadLetters a Kafka record refused into {@code kafka_dead_letter} is kept this long for operators
 * @param interval how often every node looks for rows past their retention
 * @param batchSize rows deleted per transaction, so that no delete holds locks or a snapshot for long
 */
@ConfigurationProperties("herald.retention")
public record RetentionSettings(@DefaultValue("90d") Duration orders, @DefaultValue("90d") Duration routes,
		@DefaultValue("30d") Duration deadLetters, @DefaultValue("10m") Duration interval,
		@DefaultValue("500") int batchSize) {

	public RetentionSettings {
		if (orders.isNegative() || routes.isNegative() || deadLetters.isNegative()) {
			throw new IllegalArgumentException("herald.retention durations must not be negative (0 keeps for ever)");
		}
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("herald.retention.interval must be positive");
		}
		if (batchSize < 1 || batchSize > 10_000) {
			throw new IllegalArgumentException("herald.retention.batch-size must be between 1 and 10000");
		}
	}

}
