package io.herald.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * Deletes finished routes with their stops once {@code herald.retention.routes} has passed since they finished. A
 * planned or started route is a courier's work and is never touched; one left unstarted is for the station to
 * remove. An order still open after its route is gone simply has no place on a route any more (its story keeps what
 * happened on the way).
 */
@Component
class RoutePruner {

	private static final Logger log = LoggerFactory.getLogger(RoutePruner.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final RetentionSettings settings;

	private final Clock clock;

	RoutePruner(JdbcClient jdbc, PlatformTransactionManager transactions, RetentionSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${herald.retention.interval:10m}", initialDelayString = "${herald.retention.interval:10m}")
	void scheduled() {
		try {
			prune();
		}
		catch (RuntimeException e) {
			log.warn("Pruning finished routes failed, trying again later: {}", e.getMessage());
		}
	}

	/** Deletes every finished route past the retention; returns how many. */
	int prune() {
		var cutoff = Pruning.cutoff(clock, settings.routes());
		if (cutoff.isEmpty()) {
			return 0;
		}
		int deleted = Pruning.inBatches(transactions, settings.batchSize(), () -> batch(cutoff.get()));
		if (deleted > 0) {
			log.info("Deleted {} finished routes older than {}", deleted, settings.routes());
		}
		return deleted;
	}

	private Pruning.Batch batch(Instant cutoff) {
		List<UUID> ids = jdbc.sql("""
				select id from route where state = 'FINISHED' and finished_at < ?
				order by finished_at limit ? for update skip locked""")
			.params(Timestamp.from(cutoff), settings.batchSize())
			.query(UUID.class)
			.list();
		if (!ids.isEmpty()) {
			UUID[] array = ids.toArray(UUID[]::new);
			jdbc.sql("delete from route_stop where route_id = any(?)").param(array).update();
			jdbc.sql("delete from route where id = any(?)").param(array).update();
		}
		return new Pruning.Batch(ids.size(), ids.size());
	}

}
