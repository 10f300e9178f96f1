package io.herald.kafka;

import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention of Kafka dead letters: older than 30 days they go, in as many batches as it takes; newer ones stay. */
class DeadLetterPrunerIntegrationTests extends IntegrationTestBase {

	@Autowired
	DeadLetterPruner pruner;

	void deadLetters(int count, int offsetFrom, String age) {
		jdbc.sql("""
				insert into kafka_dead_letter (id, topic, partition_no, record_offset, reason, detail, dead_lettered_at)
				select gen_random_uuid(), 'herald.intake', 0, ? + n, 'malformed', 'bad json', now() - cast(? as interval)
				from generate_series(1, ?) n""").params(offsetFrom, age, count).update();
	}

	@Test
	void deadLettersPastTheRetentionAreDeletedInBatchesAndNewerOnesKept() {
		// more than two batches of 500, so the run has to go on after a full batch
		deadLetters(1_207, 0, "31 days");
		deadLetters(5, 10_000, "29 days");
		deadLetters(3, 20_000, "1 minute");

		assertThat(pruner.prune()).isEqualTo(1_207);

		assertThat(count("select count(*) from kafka_dead_letter")).isEqualTo(8);
		assertThat(count("select count(*) from kafka_dead_letter where dead_lettered_at < now() - interval '30 days'"))
			.isZero();
		assertThat(pruner.prune()).isZero();
	}

}
