package io.herald.kafka;

import java.time.Instant;
import java.util.UUID;

/**
 * A Kafka record Herald could not apply, and why. The record itself, with the reason in its headers, is on the
 * dead-letter topic.
 *
 * @param reason a stable type: {@code malformed}, {@code unknown-type}, {@code missing-identity}, {@code invalid},
 * {@code unknown-merchant}, {@code unknown-station}, {@code not-found}, {@code conflict} or {@code error}
 * @param valuePreview the start of the record's value
 */
public record DeadLetter(UUID id, String topic, int partition, long offset, String key, String eventType,
		String eventId, String reason, String detail, String valuePreview, Instant deadLetteredAt) {
}
