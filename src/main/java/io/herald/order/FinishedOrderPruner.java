package io.herald.order;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.herald.platform.Pruning;
import io.herald.platform.RetentionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes finished orders whose retention ({@code herald.retention.orders}) is over, with their story, tracking token
 * and the rows other modules keep about them ({@link FinishedOrderRows}). Finished means DELIVERED, CANCELLED, or
 * DELIVERY_FAILED with no change for the whole retention: such an order could still go out again, but nobody sends
 * an order out months after its failed delivery (the goods went back to the merchant). Every other state is work
 * somebody still has to do, and is kept. An order with work in flight elsewhere (a notification not yet sent, a stop
 * on a route not finished) is kept for a later run.
 */
@Component
class FinishedOrderPruner {

	private static final Logger log = LoggerFactory.getLogger(FinishedOrderPruner.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final List<FinishedOrderRows> others;

	private final RetentionSettings settings;

	private final Clock clock;

	FinishedOrderPruner(JdbcClient jdbc, PlatformTransactionManager transactions, List<FinishedOrderRows> others,
			RetentionSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.others = others;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${herald.retention.interval:10m}", initialDelayString = "${herald.retention.interval:10m}")
	void scheduled() {
		try {
			prune();
		}
		catch (RuntimeException e) {
			log.warn("Pruning finished orders failed, trying again later: {}", e.getMessage());
		}
	}

	/** Deletes every finished order past the retention that has nothing in flight; returns how many. */
	int prune() {
		var cutoff = Pruning.cutoff(clock, settings.orders());
		if (cutoff.isEmpty()) {
			return 0;
		}
		// a keyset cursor, so that orders kept because of work in flight are not looked at again in this run
		Cursor cursor = new Cursor(Instant.EPOCH, new UUID(0, 0));
		int deleted = Pruning.inBatches(transactions, settings.batchSize(), () -> batch(cutoff.get(), cursor));
		if (deleted > 0) {
			log.info("Deleted {} finished orders older than {}", deleted, settings.orders());
		}
		return deleted;
	}

	private Pruning.Batch batch(Instant cutoff, Cursor cursor) {
		List<UUID> candidates = new ArrayList<>();
		// SKIP LOCKED: an order being changed right now is not finished for long, and another node pruning the same
		// rows takes the next ones instead of waiting. The lock keeps any change out until the order is gone.
		jdbc.sql("""
				select id, updated_at from customer_order
				where state in ('DELIVERED', 'CANCELLED', 'DELIVERY_FAILED') and updated_at < ?
				  and (updated_at, id) > (?, ?)
				order by updated_at, id limit ?
				for update skip locked""")
			.params(Timestamp.from(cutoff), Timestamp.from(cursor.updatedAt), cursor.id, settings.batchSize())
			.query((java.sql.ResultSet rs) -> {
				candidates.add(rs.getObject(1, UUID.class));
				cursor.updatedAt = rs.getTimestamp(2).toInstant();
				cursor.id = rs.getObject(1, UUID.class);
			});
		if (candidates.isEmpty()) {
			return new Pruning.Batch(0, 0);
		}
		Set<UUID> kept = new HashSet<>();
		others.forEach(rows -> kept.addAll(rows.inFlight(candidates)));
		List<UUID> gone = candidates.stream().filter(id -> !kept.contains(id)).toList();
		if (!gone.isEmpty()) {
			others.forEach(rows -> rows.delete(gone));
			UUID[] ids = gone.toArray(UUID[]::new);
			jdbc.sql("delete from order_event where order_id = any(?)").param(ids).update();
			jdbc.sql("delete from order_tracking where order_id = any(?)").param(ids).update();
			jdbc.sql("delete from customer_order where id = any(?)").param(ids).update();
		}
		return new Pruning.Batch(candidates.size(), gone.size());
	}

	/** Where the run has got to, in the order it reads candidates. */
	private static final class Cursor {

		Instant updatedAt;

		UUID id;

		Cursor(Instant updatedAt, UUID id) {
			this.updatedAt = updatedAt;
			this.id = id;
		}

	}

}
