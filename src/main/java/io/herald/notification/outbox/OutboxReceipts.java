package io.herald.notification.outbox;

import static io.herald.notification.outbox.NotificationRows.COLUMNS;
import static io.herald.notification.outbox.NotificationRows.MAPPER;
import static io.herald.notification.outbox.NotificationRows.truncate;

import java.util.Optional;
import java.util.UUID;

import io.herald.notification.policy.ChannelType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A receiver's later word on a sent notification (an SMS provider's delivery report), written to its row: found by
 * the receiver's own id for it, then CONFIRMED or FAILED for good.
 */
@Repository
public class OutboxReceipts {

	private final JdbcClient jdbc;

	OutboxReceipts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The notification a receiver's receipt is about, locked. */
	public Optional<Notification> findByReferenceForUpdate(ChannelType channel, String reference) {
		return jdbc.sql("select " + COLUMNS + " from notification where channel = ? and provider_ref = ? for update")
			.params(channel.name(), reference)
			.query(MAPPER)
			.optional();
	}

	/** A receipt's confirmation of a sent notification: CONFIRMED. */
	public void markConfirmed(UUID id) {
		jdbc.sql("update notification set status = 'CONFIRMED', last_error = null, updated_at = now() where id = ?")
			.param(id)
			.update();
	}

	/**
	 * A receipt's "not delivered" for a sent notification: FAILED with the receiver's reason and no next attempt, so it
	 * is final (never claimed again) and listed among the notifications given up on, which a re-drive can send again.
	 */
	public void markFailedForGood(UUID id, String error) {
		jdbc.sql("""
				update notification set status = 'FAILED', next_attempt_at = null, last_error = ?,
				  locked_until = null, updated_at = now()
				where id = ?""")
			.params(truncate(error), id)
			.update();
	}

}
