package io.herald.notification.outbox;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.platform.AuditTrail;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.herald.notification.outbox.NotificationRows.COLUMNS;
import static io.herald.notification.outbox.NotificationRows.CUSTOMER_CHANNELS;
import static io.herald.notification.outbox.NotificationRows.MAPPER;
import static io.herald.notification.outbox.NotificationRows.name;

/**
 * What people do with the outbox: read an order's notifications, list the ones given up on and re-drive them, count
 * the queue by status. The queue's own work (insert, claim, complete) is {@link Outbox}.
 */
@Repository
public class OutboxAdministration {

	/**
	 * The rows given up on, for the dead list and its re-drive: DEAD (refused for good, or out of attempts), and
	 * FAILED for good (a receipt said the message did not arrive). The partial index of migration V9 has this
	 * predicate.
	 */
	public static final String GIVEN_UP = "(status = 'DEAD' or (status = 'FAILED' and next_attempt_at is null))";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	OutboxAdministration(JdbcClient jdbc, AuditTrail audit) {
		this.audit = audit;
		this.jdbc = jdbc;
	}

	public List<Notification> findByOrder(UUID orderId) {
		return jdbc.sql("select " + COLUMNS + " from notification where order_id = ? order by created_at, kind, channel")
			.param(orderId)
			.query(MAPPER)
			.list();
	}

	/** Notifications given up on ({@link #GIVEN_UP}), newest first, of one merchant or (null) all. */
	public List<Notification> findDead(UUID merchantId, ChannelType channel, NotificationKind kind, int limit, int offset) {
		return jdbc.sql("select " + COLUMNS + """
				 from notification
				where %s and (cast(? as uuid) is null or merchant_id = ?)
				  and (cast(? as text) is null or channel = ?) and (cast(? as text) is null or kind = ?)
				order by updated_at desc, id limit ? offset ?""".formatted(GIVEN_UP))
			.params(merchantId, merchantId, name(channel), name(channel), name(kind), name(kind), limit, offset)
			.query(MAPPER)
			.list();
	}

	public Optional<Notification> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from notification where id = ?").param(id).query(MAPPER).optional();
	}

	/**
	 * Re-drives notifications given up on ({@link #GIVEN_UP}): due now, with a fresh budget of attempts, the reason they
	 * were given up kept in the error. A customer message goes out once: of its copies for the customer's channels
	 * (email, SMS) at most one is re-driven, the preferred one, and none when another copy meanwhile reached (or is
	 * about to reach) the customer (failover). The copies of each message concerned are locked first, so two
	 * re-drives at the same time (two operators, one on each copy) queue up and the second sees the first's result.
	 * Returns the ids re-driven.
	 */
	@Transactional
	public List<UUID> redrive(UUID merchantId, List<UUID> ids, ChannelType channel, NotificationKind kind) {
		UUID[] idArray = ids == null ? null : ids.toArray(UUID[]::new);
		String selected = """
				from notification c
				where %s
				  and (cast(? as uuid) is null or c.merchant_id = ?)
				  and (cast(? as uuid[]) is null or c.id = any(?))
				  and (cast(? as text) is null or c.channel = ?) and (cast(? as text) is null or c.kind = ?)"""
			.formatted(GIVEN_UP); // unqualified, its names resolve to c, the innermost table
		Object[] params = { merchantId, merchantId, idArray, idArray, name(channel), name(channel), name(kind), name(kind) };
		jdbc.sql("""
				select o.id from notification o
				where (o.order_id, o.kind, o.dedup_key) in (select c.order_id, c.kind, c.dedup_key %s)
				order by o.id for update""".formatted(selected)).params(params).query(UUID.class).list();
		// a new statement: it sees what a re-drive that held the locks before us committed
		List<UUID> redriven = jdbc.sql("""
				update notification d set status = 'PENDING', attempts = 0, next_attempt_at = now(),
				  locked_until = null, claim_id = null, last_error = 're-driven; was: ' || coalesce(d.last_error, ''),
				  updated_at = now()
				where d.id in (
				    select distinct on (c.order_id, c.kind, c.dedup_key,
				                        case when c.channel in %1$s then 'CUSTOMER' else c.channel end) c.id
				    %2$s
				    order by c.order_id, c.kind, c.dedup_key,
				             case when c.channel in %1$s then 'CUSTOMER' else c.channel end, c.channel_rank, c.id)
				  and not exists (select 1 from notification o
				                  where o.order_id = d.order_id and o.kind = d.kind and o.dedup_key = d.dedup_key
				                    and o.id <> d.id and o.channel in %1$s and d.channel in %1$s
				                    and (o.status in ('PENDING', 'SENT', 'CONFIRMED')
				                         or (o.status = 'FAILED' and o.next_attempt_at is not null)))
				returning d.id""".formatted(CUSTOMER_CHANNELS, selected))
			.params(params)
			.query(UUID.class)
			.list();
		if (!redriven.isEmpty()) {
			Map<String, Object> details = new HashMap<>();
			details.put("count", redriven.size());
			details.put("ids", redriven.stream().limit(100).map(id -> "msg_" + id).toList());
			if (channel != null) {
				details.put("channel", channel.name());
			}
			if (kind != null) {
				details.put("kind", kind.name());
			}
			audit.record("notification.redriven", "notification", redriven.size() == 1 ? "msg_" + redriven.get(0) : null,
					details);
		}
		return redriven;
	}

	/**
	 * The queue at a glance: PENDING waiting for their first send, FAILED waiting for a retry, and DEAD counting every
	 * notification given up on ({@link #GIVEN_UP}): a FAILED row without a next attempt is final, not queued.
	 */
	public Map<String, Long> countsByStatus() {
		Map<String, Long> counts = new HashMap<>();
		jdbc.sql("""
				select case when %s then 'DEAD' else status end, count(*)
				from notification
				where status in ('PENDING', 'FAILED', 'DEAD') group by 1""".formatted(GIVEN_UP))
			.query((ResultSet rs) -> {
				counts.put(rs.getString(1), rs.getLong(2));
			});
		return counts;
	}

}
