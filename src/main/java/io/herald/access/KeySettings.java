package io.herald.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lifecycle of API keys.
 *
 * @param keyRotationOverlap how long a rotated key stays valid beside its successor, so that clients can switch
 * without an outage; then it is refused as expired
 * @param lastUsedFlush how often the last-use times kept in memory are written (read by {@link KeyUsage}'s schedule)
 */
@ConfigurationProperties("herald.security")
record KeySettings(@DefaultValue("24h") Duration keyRotationOverlap, @DefaultValue("1m") Duration lastUsedFlush) {

	KeySettings {
		if (keyRotationOverlap.isNegative()) {
			throw new IllegalArgumentException("herald.security.key-rotation-overlap must not be negative");
		}
	}

}
