package io.herald.notification.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.notification.policy.NotificationKind;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook_subscription rows. Changes return the row as it is afterwards, so callers never read it twice. */
@Repository
class WebhookSubscriptionRepository {

	private static final String COLUMNS = """
			id, merchant_id, url, event_types, secret, previous_secret, previous_secret_expires_at, enabled,
			disabled_reason, disabled_at, consecutive_failures, created_at, updated_at""";

	private static final RowMapper<WebhookSubscription> MAPPER = WebhookSubscriptionRepository::map;

	private final JdbcClient jdbc;

	WebhookSubscriptionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	WebhookSubscription insert(UUID id, UUID merchantId, String url, List<NotificationKind> eventTypes,
			String secret) {
		return jdbc.sql("""
				insert into webhook_subscription (id, merchant_id, url, event_types, secret)
				values (?, ?, ?, ?, ?)
				returning""" + " " + COLUMNS)
			.params(id, merchantId, url, names(eventTypes), secret)
			.query(MAPPER)
			.single();
	}

	Optional<WebhookSubscription> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from webhook_subscription where id = ?")
			.param(id)
			.query(MAPPER)
			.optional();
	}

	/** Oldest first, so the order of recipients (and of the list) is stable. */
	List<WebhookSubscription> findByMerchant(UUID merchantId) {
		return jdbc.sql("select " + COLUMNS + " from webhook_subscription where merchant_id = ? order by created_at, id")
			.param(merchantId)
			.query(MAPPER)
			.list();
	}

	List<WebhookSubscription> findAll() {
		return jdbc.sql("select " + COLUMNS + " from webhook_subscription order by merchant_id, created_at, id")
			.query(MAPPER)
			.list();
	}

	Optional<WebhookSubscription> update(UUID id, String url, List<NotificationKind> eventTypes) {
		return jdbc.sql("update webhook_subscription set url = ?, event_types = ?, updated_at = now() where id = ?"
				+ " returning " + COLUMNS)
			.params(url, names(eventTypes), id)
			.query(MAPPER)
			.optional();
	}

	boolean delete(UUID id) {
		return jdbc.sql("delete from webhook_subscription where id = ?").param(id).update() == 1;
	}

	/** The current secret becomes the previous one, valid until the given time; a still older one is dropped. */
	Optional<WebhookSubscription> rotate(UUID id, String secret, Instant previousExpiresAt) {
		return jdbc.sql("""
				update webhook_subscription set previous_secret = secret, previous_secret_expires_at = ?, secret = ?,
				  updated_at = now()
				where id = ?
				returning""" + " " + COLUMNS)
			.params(Timestamp.from(previousExpiresAt), secret, id)
			.query(MAPPER)
			.optional();
	}

	Optional<WebhookSubscription> enable(UUID id) {
		return jdbc.sql("""
				update webhook_subscription set enabled = true, disabled_reason = null, disabled_at = null,
				  consecutive_failures = 0, updated_at = now()
				where id = ?
				returning""" + " " + COLUMNS)
			.param(id)
			.query(MAPPER)
			.optional();
	}

	Optional<WebhookSubscription> disable(UUID id, String reason) {
		return jdbc.sql("""
				update webhook_subscription set enabled = false, disabled_reason = ?, disabled_at = now(), updated_at = now()
				where id = ?
				returning""" + " " + COLUMNS)
			.params(truncate(reason), id)
			.query(MAPPER)
			.optional();
	}

	void resetFailures(UUID id) {
		jdbc.sql("update webhook_subscription set consecutive_failures = 0, updated_at = now()"
				+ " where id = ? and consecutive_failures > 0")
			.param(id)
			.update();
	}

	/**
	 * Counts a failed send and disables the subscription with the error as the reason when the count reaches the
	 * threshold, in one statement, so that concurrent senders (on any node) count every failure and disable once.
	 * Returns the row afterwards; empty when it is deleted or already disabled.
	 */
	Optional<WebhookSubscription> countFailure(UUID id, String error, int threshold) {
		return jdbc.sql("""
				update webhook_subscription set consecutive_failures = consecutive_failures + 1,
				  enabled = consecutive_failures + 1 < :threshold,
				  disabled_reason = case when consecutive_failures + 1 >= :threshold then :error end,
				  disabled_at = case when consecutive_failures + 1 >= :threshold then now() end,
				  updated_at = now()
				where id = :id and enabled
				returning""" + " " + COLUMNS)
			.param("threshold", threshold)
			.param("error", truncate(error))
			.param("id", id)
			.query(MAPPER)
			.optional();
	}

	private static WebhookSubscription map(ResultSet rs, int n) throws SQLException {
		Array types = rs.getArray("event_types");
		List<NotificationKind> eventTypes = Arrays.stream((String[]) types.getArray())
			.map(NotificationKind::valueOf)
			.sorted()
			.toList();
		return new WebhookSubscription(rs.getObject("id", UUID.class), rs.getObject("merchant_id", UUID.class),
				rs.getString("url"), eventTypes, rs.getString("secret"), rs.getString("previous_secret"),
				instant(rs.getTimestamp("previous_secret_expires_at")), rs.getBoolean("enabled"),
				rs.getString("disabled_reason"), instant(rs.getTimestamp("disabled_at")),
				rs.getInt("consecutive_failures"), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")));
	}

	private static String[] names(List<NotificationKind> kinds) {
		return kinds.stream().map(NotificationKind::name).toArray(String[]::new);
	}

	private static String truncate(String s) {
		return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
	}

	private static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

}
