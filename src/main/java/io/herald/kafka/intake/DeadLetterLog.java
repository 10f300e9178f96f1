package io.herald.kafka.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.herald.kafka.intake.RecordDecoder.Decoded;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records dead-lettered records in {@code kafka_dead_letter}, inside the caller's transaction. A record already there
 * (its batch applied again after a crash) is left as it is.
 */
final class DeadLetterLog {

	/** How much of a record's value the console shows; the whole value is on the dead-letter topic. */
	static final int PREVIEW_BYTES = 2_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	DeadLetterLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(List<Decoded> refused) {
		for (Decoded d : refused) {
			jdbc.sql("""
					insert into kafka_dead_letter (id, topic, partition_no, record_offset, record_key, event_type,
					    event_id, reason, detail, value_preview, dead_lettered_at)
					values (:id, :topic, :partition, :offset, :key, :type, :eventId, :reason, :detail, :preview, :at)
					on conflict (topic, partition_no, record_offset) do nothing""")
				.param("id", UUID.randomUUID())
				.param("topic", d.record().topic())
				.param("partition", d.record().partition())
				.param("offset", d.record().offset())
				.param("key", clean(d.record().key()))
				.param("type", clean(d.eventType()))
				.param("eventId", clean(d.eventId()))
				.param("reason", d.refusal().reason())
				.param("detail", clean(d.refusal().detail()))
				.param("preview", preview(d.record().value()))
				.param("at", java.sql.Timestamp.from(clock.instant()))
				.update();
		}
	}

	static String preview(byte[] value) {
		if (value == null) {
			return null;
		}
		int length = Math.min(value.length, PREVIEW_BYTES);
		return clean(new String(value, 0, length, StandardCharsets.UTF_8));
	}

	/** PostgreSQL text cannot hold NUL; a hostile record may. */
	private static String clean(String text) {
		return text == null ? null : text.replace('\0', '\uFFFD');
	}

}
