package io.herald.notification.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.platform.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.herald.notification.outbox.NotificationRows.COLUMNS;
import static io.herald.notification.outbox.NotificationRows.CUSTOMER_CHANNELS;
import static io.herald.notification.outbox.NotificationRows.MAPPER;
import static io.herald.notification.outbox.NotificationRows.instant;
import static io.herald.notification.outbox.NotificationRows.truncate;
import static io.herald.notification.outbox.NotificationRows.ts;

/**
 * The notification rows as a queue: planning inserts them, the dispatcher claims and completes them, receipts give
 * the receiver's word. What people do with them (read, list the dead, re-drive) is {@link OutboxAdministration}.
 */
@Repository
public class Outbox {

	/**
	 * The rows still to be sent: waiting for their first send, or FAILED with a retry scheduled. A FAILED row without
	 * a next attempt time is final (a receipt said the message did not arrive) and is none of them: every outcome
	 * written for a send checks this, so a late outcome of a stale claim cannot bring such a row back.
	 */
	private static final String UNSENT = "(status = 'PENDING' or (status = 'FAILED' and next_attempt_at is not null))";

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the notification unless one exists for the same order, kind, dedup key, channel and recipient. */
	public boolean insertIfAbsent(Notification d) {
		return insertAllIfAbsent(List.of(d)) == 1;
	}

	/**
	 * Coalescing: replaces the content of this order's unsent message of the same kind on the same channel and
	 * recipient (not yet claimed, so never half sent), instead of adding a second one. Whether there was one.
	 */
	public boolean replaceUnsent(Notification d) {
		return jdbc.sql("""
				update notification set subject = ?, body = ?, payload = ?, body_html = ?, locale = ?,
				  event_occurred_at = ?, updated_at = now()
				where order_id = ? and kind = ? and channel = ? and recipient = ? and status = 'PENDING' and attempts = 0
				  and (locked_until is null or locked_until < now())""")
			.params(d.subject(), d.body(), d.payload(), d.html(), d.locale(), ts(d.eventOccurredAt()), d.orderId(),
					d.kind().name(), d.channel().name(), d.recipient())
			.update() > 0;
	}

	/** One customer message of an order, as the hourly limit counts them: its kind and dedup key. */
	public record SentMessage(UUID orderId, NotificationKind kind, String dedupKey) {
	}

	/**
	 * The customer messages (kind and dedup key) of these orders created within the last hour that were or will be
	 * sent: what counts against the hourly limit. A copy that never reached the customer (DEAD, or FAILED for good by
	 * a receipt) does not count; its failover copy on the next channel does.
	 */
	public List<SentMessage> recentCustomerMessages(Collection<UUID> orderIds) {
		return jdbc.sql("""
				select distinct order_id, kind, dedup_key from notification
				where order_id = any(?) and channel in %s and created_at > now() - interval '1 hour'
				  and (status in ('SENT', 'CONFIRMED') or %s)""".formatted(CUSTOMER_CHANNELS, UNSENT))
			.param(orderIds.toArray(UUID[]::new))
			.query((rs, n) -> new SentMessage(rs.getObject(1, UUID.class), NotificationKind.valueOf(rs.getString(2)),
					rs.getString(3)))
			.list();
	}

	/**
	 * {@link #insertIfAbsent} for many, in one statement (see {@link SqlArrays}); returns how many were new. Rows
	 * repeating one of the same statement are absent too.
	 */
	public int insertAllIfAbsent(List<Notification> all) {
		if (all.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				insert into notification (id, order_id, merchant_id, kind, dedup_key, channel, recipient, locale,
				  subject, body, payload, status, attempts, last_error, next_attempt_at, event_occurred_at, body_html,
				  unsubscribe_url, channel_rank)
				select v.id, v.order_id, v.merchant_id, v.kind, v.dedup_key, v.channel, v.recipient, v.locale, v.subject,
				  v.body, v.payload, v.status, 0, v.last_error, v.next_attempt_at, v.event_occurred_at, v.body_html,
				  v.unsubscribe_url, v.channel_rank
				from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
				            ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
				            ?::text[], ?::text[], ?::int[]) with ordinality
				  as v(id, order_id, merchant_id, kind, dedup_key, channel, recipient, locale, subject, body, payload,
				       status, last_error, next_attempt_at, event_occurred_at, body_html, unsubscribe_url, channel_rank, n)
				order by v.n
				on conflict (order_id, kind, dedup_key, channel, recipient) do nothing""")
			.params(SqlArrays.uuids(all, Notification::id), SqlArrays.uuids(all, Notification::orderId),
					SqlArrays.uuids(all, Notification::merchantId), SqlArrays.texts(all, d -> d.kind().name()),
					SqlArrays.texts(all, Notification::dedupKey), SqlArrays.texts(all, d -> d.channel().name()),
					SqlArrays.texts(all, Notification::recipient), SqlArrays.texts(all, Notification::locale),
					SqlArrays.texts(all, Notification::subject), SqlArrays.texts(all, Notification::body),
					SqlArrays.texts(all, Notification::payload), SqlArrays.texts(all, d -> d.status().name()),
					SqlArrays.texts(all, Notification::lastError), SqlArrays.timestamps(all, Notification::nextAttemptAt),
					SqlArrays.timestamps(all, Notification::eventOccurredAt), SqlArrays.texts(all, Notification::html),
					SqlArrays.texts(all, Notification::unsubscribeUrl), SqlArrays.ints(all, Notification::channelRank))
			.update();
	}

	/**
	 * Claims due notifications for this node: rows locked by another node's claim are skipped, and a claim holds for
	 * the lease, after which a crashed node's notifications become due again. Each claim counts as an attempt. A FAILED
	 * row without a next attempt time (final, by a receipt) is never due: {@code null <= now()} is not true. A claim
	 * writes only columns no index covers (not even {@code updated_at}, which the given-up index holds; the outcome
	 * sets it), so that PostgreSQL can update the row in place (a HOT update, migration V13) instead of adding an
	 * entry to each of the table's indexes.
	 */
	public Claim claimDue(int limit, Duration lease) {
		return claimDue(limit, lease, new String[0], false);
	}

	/**
	 * {@link #claimDue(int, Duration)} of some channels only.
	 * @param channels channel names
	 * @param only true: only these channels; false: all but these
	 */
	public Claim claimDue(int limit, Duration lease, String[] channels, boolean only) {
		List<Instant> dueSince = new ArrayList<>();
		List<Notification> claimed = jdbc.sql("""
				with due as (
				  select id, locked_until as was_locked_until from notification
				  where status in ('PENDING', 'FAILED') and next_attempt_at <= now()
				    and (locked_until is null or locked_until < now())
				    and (channel = any(?)) = ?
				  order by next_attempt_at
				  limit ?
				  for update skip locked)
				update notification d
				set locked_until = now() + make_interval(secs => ?), claim_id = ?, attempts = d.attempts + 1
				from due where d.id = due.id
				returning d.id, d.order_id, d.merchant_id, d.kind, d.dedup_key, d.channel, d.recipient, d.locale,
				  d.subject, d.body, d.payload, d.status, d.attempts, d.last_error, d.next_attempt_at,
				  d.event_occurred_at, d.created_at, d.sent_at, d.claim_id, d.body_html, d.unsubscribe_url,
				  d.channel_rank,
				  case when d.attempts = 1 and d.next_attempt_at <= d.created_at + interval '1 second'
				       then d.next_attempt_at end as due_since""")
			.params(channels, only, limit, lease.toMillis() / 1000.0, UUID.randomUUID())
			.query((rs, n) -> {
				dueSince.add(instant(rs.getTimestamp("due_since")));
				return NotificationRows.map(rs, n);
			})
			.list();
		return new Claim(claimed, dueSince.stream().filter(t -> t != null).min(Instant::compareTo).orElse(null));
	}

	/**
	 * Notifications claimed by one query.
	 * @param oldestDueSince since when the longest-waiting of them had been due, counting only first attempts that
	 * were due when they were planned: what intake has just accepted. Retries, messages held for quiet hours or
	 * coalescing, and the claims of a node that died are no sign that sending cannot keep up with intake. Null when
	 * there was none.
	 */
	public record Claim(List<Notification> notifications, Instant oldestDueSince) {
	}

	/** Marks many notifications sent in one statement (the dispatcher batches its successes). */
	public void markSent(List<UUID> ids) {
		if (ids.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update notification set status = 'SENT', sent_at = now(), locked_until = null, last_error = null,
				  updated_at = now() where id = any(?)""")
			.param(ids.toArray(UUID[]::new))
			.update();
	}

	/**
	 * Marks one notification SENT under the receiver's id for it, at once rather than in the next batch, so that a receipt
	 * arriving right after the send finds it.
	 */
	public void markSent(Notification d, String reference) {
		jdbc.sql("""
				update notification set status = 'SENT', sent_at = now(), locked_until = null, last_error = null,
				  provider_ref = ?, updated_at = now()
				where id = ? and %s""".formatted(UNSENT))
			.params(reference, d.id())
			.update();
	}

	/** An accepted send and the receiver's id for it. */
	public record Reference(UUID id, String reference) {
	}

	/**
	 * Marks many notifications SENT, each under the receiver's id for it, in one statement (the dispatcher's batch of
	 * sends with a reference, written at its next turn, which the send's completion triggers).
	 */
	public void markSentWithReferences(List<Reference> sent) {
		if (sent.isEmpty()) {
			return;
		}
		jdbc.sql("""
				update notification d set status = 'SENT', sent_at = now(), locked_until = null, last_error = null,
				  provider_ref = v.ref, updated_at = now()
				from unnest(?::uuid[], ?::text[]) as v(id, ref)
				where d.id = v.id and %s""".formatted(UNSENT)) // unqualified, its names resolve to d: v has none of them
			.params(sent.stream().map(Reference::id).toArray(UUID[]::new),
					sent.stream().map(Reference::reference).toArray(String[]::new))
			.update();
	}

	/** The standby copies of these notifications' messages are not needed: the message reached the customer. */
	public int skipStandbys(List<UUID> deliveredIds, String reason) {
		if (deliveredIds.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				update notification s set status = 'SKIPPED', last_error = ?, updated_at = now()
				from notification d
				where d.id = any(?) and s.order_id = d.order_id and s.kind = d.kind and s.dedup_key = d.dedup_key
				  and s.status = 'STANDBY' and d.channel in %s""".formatted(CUSTOMER_CHANNELS))
			.params(reason, deliveredIds.toArray(UUID[]::new))
			.update();
	}

	/**
	 * Failover: the message of this notification goes out on the customer's next channel, once. Returns the channel of
	 * the standby that was activated, if there was one.
	 */
	public Optional<ChannelType> activateNextStandby(UUID orderId, NotificationKind kind, String dedupKey,
			String reason) {
		return jdbc.sql("""
				update notification set status = 'PENDING', next_attempt_at = greatest(next_attempt_at, now()),
				  last_error = ?, updated_at = now()
				where id = (select id from notification
				            where order_id = ? and kind = ? and dedup_key = ? and status = 'STANDBY'
				            order by channel_rank limit 1 for update)
				returning channel""")
			.params(truncate(reason), orderId, kind.name(), dedupKey)
			.query((rs, n) -> ChannelType.valueOf(rs.getString(1)))
			.optional();
	}

	// Failure outcomes apply only while the claim that sent is still the row's claim and the row is not SENT: after
	// a lease expired and another claim took the row, a late failure of the first attempt must not undo a success.

	public void markFailed(Notification d, Instant nextAttemptAt, String error) {
		jdbc.sql("""
				update notification set status = 'FAILED', next_attempt_at = ?, last_error = ?,
				  locked_until = null, updated_at = now()
				where id = ? and claim_id = ? and %s""".formatted(UNSENT))
			.params(ts(nextAttemptAt), truncate(error), d.id(), d.claimId())
			.update();
	}

	/** Whether the row became DEAD (false when a newer claim owns it or it is already final). */
	public boolean markDead(Notification d, String error) {
		return jdbc.sql("""
				update notification set status = 'DEAD', last_error = ?, locked_until = null, updated_at = now()
				where id = ? and claim_id = ? and %s""".formatted(UNSENT))
			.params(truncate(error), d.id(), d.claimId())
			.update() == 1;
	}

	/** Gives a claimed notification back unsent (shutdown), without counting the attempt. */
	public void release(Notification d) {
		jdbc.sql("""
				update notification set locked_until = null, attempts = greatest(attempts - 1, 0), updated_at = now()
				where id = ? and claim_id = ? and %s""".formatted(UNSENT))
			.params(d.id(), d.claimId())
			.update();
	}

}
