package io.herald.notification.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import org.springframework.jdbc.core.RowMapper;

/** How a notification is a row of the {@code notification} table, for the classes that read and write them. */
final class NotificationRows {

	static final String COLUMNS = """
			id, order_id, merchant_id, kind, dedup_key, channel, recipient, locale, subject, body, payload, status,
			attempts, last_error, next_attempt_at, event_occurred_at, created_at, sent_at, claim_id, body_html,
			unsubscribe_url, channel_rank""";

	static final RowMapper<Notification> MAPPER = NotificationRows::map;

	/** The channels that reach the customer (email, SMS), as an SQL list: one message goes out on one of them. */
	static final String CUSTOMER_CHANNELS = "('EMAIL', 'SMS')";

	static String name(Enum<?> e) {
		return e == null ? null : e.name();
	}

	static Notification map(ResultSet rs, int n) throws SQLException {
		return new Notification(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
				rs.getObject("merchant_id", UUID.class), NotificationKind.valueOf(rs.getString("kind")),
				rs.getString("dedup_key"), ChannelType.valueOf(rs.getString("channel")), rs.getString("recipient"), rs.getString("locale"),
				rs.getString("subject"), rs.getString("body"), rs.getString("payload"),
				NotificationStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
				instant(rs.getTimestamp("next_attempt_at")), instant(rs.getTimestamp("event_occurred_at")),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("sent_at")),
				rs.getObject("claim_id", UUID.class), rs.getString("body_html"), rs.getString("unsubscribe_url"),
				rs.getInt("channel_rank"));
	}

	static String truncate(String s) {
		return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
	}

	static Timestamp ts(Instant i) {
		return i == null ? null : Timestamp.from(i);
	}

	static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

	private NotificationRows() {
	}

}
