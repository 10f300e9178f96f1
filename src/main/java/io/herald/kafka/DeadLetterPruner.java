package io.herald.kafka;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

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
 * Deletes the records of refused Kafka records once {@code herald.retention.dead-letters} has passed: they are there
 * for operators to see what was refused and why, and the record itself stays on the dead-letter topic for as long as
 * that topic keeps it. Runs whether or not the Kafka intake is on, since the table exists either way.
 */
@Component
class DeadLetterPruner {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterPruner.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final RetentionSettings settings;

	private final Clock clock;

	DeadLetterPruner(JdbcClient jdbc, PlatformTransactionManager transactions, RetentionSettings settings, Clock clock) {
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
			log.warn("Pruning Kafka dead letters failed, trying again later: {}", e.getMessage());
		}
	}

	/** Deletes every dead letter past the retention; returns how many. */
	int prune() {
		var cutoff = Pruning.cutoff(clock, settings.deadLetters());
		if (cutoff.isEmpty()) {
			return 0;
		}
		int deleted = Pruning.inBatches(transactions, settings.batchSize(), () -> batch(cutoff.get()));
		if (deleted > 0) {
			log.info("Deleted {} Kafka dead letters older than {}", deleted, settings.deadLetters());
		}
		return deleted;
	}

	private Pruning.Batch batch(Instant cutoff) {
		int deleted = jdbc.sql("""
				delete from kafka_dead_letter where id in (
				  select id from kafka_dead_letter where dead_lettered_at < ?
				  order by dead_lettered_at limit ? for update skip locked)""")
			.params(Timestamp.from(cutoff), settings.batchSize())
			.update();
		return new Pruning.Batch(deleted, deleted);
	}

}
