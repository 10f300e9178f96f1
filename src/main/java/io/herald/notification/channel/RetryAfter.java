package io.herald.notification.channel;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A receiver's own wait hint before the next attempt, read from its {@code Retry-After} header (RFC 9110: seconds or
 * an HTTP date). Shared by the HTTP channels and providers so that every one of them honours it the same way.
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Whether an HTTP answer with this status is worth another attempt: 408 (timeout), 425 (too early), 429 (too
	 * many requests) and 5xx; other statuses are final.
	 */
	public static boolean retryable(int status) {
		return status == 408 || status == 425 || status == 429 || status >= 500;
	}

	/**
	 * The wait the response asks for; empty without the header, when it cannot be read, or when it has passed.
	 *
	 * @param now the time an HTTP date is measured from
	 */
	public static Optional<Duration> of(HttpResponse<?> response, Instant now) {
		return of(response.headers().firstValue("Retry-After").orElse(null), now);
	}

	/**
	 * The wait a {@code Retry-After} header's value asks for; empty without one, when it cannot be read, or when it
	 * has passed.
	 */
	public static Optional<Duration> of(String header, Instant now) {
		return Optional.ofNullable(header).flatMap(value -> {
			try {
				return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
			}
			catch (NumberFormatException e) {
				try {
					var date = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
					return Optional.of(Duration.between(now, date.toInstant()));
				}
				catch (RuntimeException ignored) {
					return Optional.empty();
				}
			}
		}).filter(d -> !d.isNegative());
	}

}
