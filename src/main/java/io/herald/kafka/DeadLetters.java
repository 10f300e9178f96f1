package io.herald.kafka;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The records of the Kafka intake that went to the dead-letter topic, for the console: by reason, newest first. */
@Service
public class DeadLetters {

	private final JdbcClient jdbc;

	DeadLetters(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** How many records went to the dead-letter topic for each reason, and when the last one did. */
	public List<ReasonCount> byReason() {
		return jdbc
			.sql("select reason, count(*) as n, max(dead_lettered_at) as latest from kafka_dead_letter group by reason"
					+ " order by count(*) desc, reason")
			.query((rs, i) -> new ReasonCount(rs.getString("reason"), rs.getLong("n"),
					rs.getTimestamp("latest").toInstant()))
			.list();
	}

	/** The newest dead-lettered records, of one reason or (null) all. */
	public List<DeadLetter> recent(String reason, int limit) {
		return jdbc.sql("""
				select * from kafka_dead_letter where (cast(:reason as text) is null or reason = :reason)
				order by dead_lettered_at desc, topic, partition_no, record_offset desc limit :limit""")
			.param("reason", reason)
			.param("limit", limit)
			.query((rs, i) -> row(rs))
			.list();
	}

	private static DeadLetter row(ResultSet rs) throws SQLException {
		return new DeadLetter(rs.getObject("id", java.util.UUID.class), rs.getString("topic"),
				rs.getInt("partition_no"), rs.getLong("record_offset"), rs.getString("record_key"),
				rs.getString("event_type"), rs.getString("event_id"), rs.getString("reason"), rs.getString("detail"),
				rs.getString("value_preview"), rs.getTimestamp("dead_lettered_at").toInstant());
	}

	/** One reason with its count. */
	public record ReasonCount(String reason, long count, Instant latest) {
	}

}
