package io.herald.platform;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How Herald answers while its database cannot be used ({@code herald.database.*}).
 *
 * @param retryAfter the {@code Retry-After} of the 503 answered while PostgreSQL is unreachable, read-only or full
 * @param logEvery at most one warning per kind of failure in this interval, with the count of requests refused since
 * the last one, so that an outage under load does not flood the log
 */
@ConfigurationProperties("herald.database")
public record DatabaseSettings(@DefaultValue("5s") Duration retryAfter, @DefaultValue("10s") Duration logEvery) {
}
