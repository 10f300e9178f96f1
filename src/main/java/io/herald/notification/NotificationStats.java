package io.herald.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.herald.notification.outbox.NotificationStatus;
import io.herald.notification.outbox.OutboxAdministration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
/**
 * Notifications by channel and outcome over time, for the operator console's charts. A notification counts in the
 * hour or day (UTC) it was created, with the outcome it has now.
 */
@Component
public class NotificationStats {

	/** What became of a notification, in four groups of {@link NotificationStatus}. */
	public enum Outcome {

		/** SENT or CONFIRMED: the receiver accepted it. */
		SENT,
		/** PENDING or FAILED: still being tried. */
		RETRYING,
		/** DEAD: given up. */
		DEAD,
		/** STANDBY or SKIPPED: not sent on purpose (another channel reached the customer, opted out, rate limit). */
		NOT_SENT

	}

	/**
	 * How many notifications created in one period went out on one channel with one outcome.
	 *
	 * @param period the start of the hour or day (UTC)
	 * @param channel WEBHOOK, EMAIL, SMS or LOG
	 */
	public record Count(Instant period, String channel, Outcome outcome, long notifications) {
	}

	private final JdbcClient jdbc;

	NotificationStats(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts of the notifications created since the given time, per period (HOURS or DAYS), channel and outcome,
	 * oldest first; combinations without any are absent.
	 */
	public List<Count> byChannelAndOutcome(Instant since, ChronoUnit period) {
		String unit = switch (period) {
			case HOURS -> "hour";
			case DAYS -> "day";
			default -> throw new IllegalArgumentException("hours or days, not " + period);
		};
		return jdbc.sql("""
				select date_trunc(?, created_at, 'UTC') as period, channel,
				  case when status in ('SENT', 'CONFIRMED') then 'SENT'
				       when %s then 'DEAD'
				       when status in ('PENDING', 'FAILED') then 'RETRYING' else 'NOT_SENT' end as outcome,
				  count(*) as n
				from notification where created_at >= ?
				group by 1, 2, 3 order by 1, 2, 3""".formatted(OutboxAdministration.GIVEN_UP))
			.params(unit, Timestamp.from(since))
			.query((rs, n) -> new Count(rs.getTimestamp("period").toInstant(), rs.getString("channel"),
					Outcome.valueOf(rs.getString("outcome")), rs.getLong("n")))
			.list();
	}

}
