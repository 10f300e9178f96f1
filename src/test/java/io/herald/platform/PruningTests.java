package io.herald.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared rules of retention: zero keeps for ever, batches go on while full, and a run has an end. */
class PruningTests {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T12:00:00Z"), ZoneOffset.UTC);

	@Test
	void aRetentionOfZeroKeepsForEverAndAnyOtherEndsAtItsCutoff() {
		assertThat(Pruning.cutoff(CLOCK, Duration.ZERO)).isEmpty();
		assertThat(Pruning.cutoff(CLOCK, Duration.ofDays(90))).contains(Instant.parse("2026-09-04T12:00:00Z"));
	}

	@Test
	void batchesGoOnWhileTheyLookAtAFullBatchEvenWhenTheyDeleteNothing() {
		// a full batch of rows that had to be kept must not end the run before the rows behind it
		var batches = new ArrayDeque<>(List.of(new Pruning.Batch(3, 0), new Pruning.Batch(3, 2), new Pruning.Batch(1, 1),
				new Pruning.Batch(3, 3)));

		int deleted = Pruning.inBatches(TransactionOperations.withoutTransaction(), 3, batches::poll);

		assertThat(deleted).isEqualTo(3);
		assertThat(batches).as("the run ended at the first batch that was not full").hasSize(1);
	}

	@Test
	void aRunEndsAfterItsMostBatchesAndLeavesTheRestToTheNext() {
		AtomicInteger runs = new AtomicInteger();

		int deleted = Pruning.inBatches(TransactionOperations.withoutTransaction(), 2, () -> {
			runs.incrementAndGet();
			return new Pruning.Batch(2, 2);
		});

		assertThat(runs).hasValue(Pruning.MAX_BATCHES_PER_RUN);
		assertThat(deleted).isEqualTo(2 * Pruning.MAX_BATCHES_PER_RUN);
	}

	@Test
	void settingsRefuseNegativeRetentionsAndUselessBatches() {
		Duration day = Duration.ofDays(1);
		assertThat(new RetentionSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, day, 1).orders()).isZero();
		assertThatThrownBy(() -> new RetentionSettings(day.negated(), day, day, day, 500))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RetentionSettings(day, day, day, Duration.ZERO, 500))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RetentionSettings(day, day, day, day, 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
