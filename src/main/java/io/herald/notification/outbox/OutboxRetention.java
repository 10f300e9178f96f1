package io.herald.notification.outbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.herald.order.FinishedOrderRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notification rows of a finished order go with the order when its retention ends, not on a clock of their own:
 * their unique key (order, kind, dedup key, channel, recipient) is what keeps "once per order" messages once for as
 * long as the order can still change, so a row may not go before its order does. Rows are bounded by their order: a
 * few kinds, each on a few channels and recipients.
 */
@Component
class OutboxRetention implements FinishedOrderRows {

	private final JdbcClient jdbc;

	OutboxRetention(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Orders with a message still to be sent, retried or under a live claim. Every row of these orders is locked, so a
	 * re-drive or a receipt cannot wake one of them before the delete (the dispatcher skips locked rows).
	 */
	@Override
	public Set<UUID> inFlight(List<UUID> orderIds) {
		Set<UUID> busy = new HashSet<>();
		jdbc.sql("""
				select order_id,
				  status = 'PENDING' or (status = 'FAILED' and next_attempt_at is not null)
				  or coalesce(locked_until > now(), false) as busy
				from notification where order_id = any(?) for update""")
			.param(orderIds.toArray(UUID[]::new))
			.query((java.sql.ResultSet rs) -> {
				if (rs.getBoolean(2)) {
					busy.add(rs.getObject(1, UUID.class));
				}
			});
		return busy;
	}

	@Override
	public void delete(List<UUID> orderIds) {
		jdbc.sql("delete from notification where order_id = any(?)").param(orderIds.toArray(UUID[]::new)).update();
	}

}
