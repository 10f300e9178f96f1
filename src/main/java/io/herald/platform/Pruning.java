package io.herald.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionOperations;

/**
 * Deleting what is past its retention, the same way in every module: in batches of a few hundred rows, each in a
 * short transaction of its own, until a batch finds less than a full batch. Several nodes may run the same pruning at
 * once: each batch deletes only rows that are past the retention whenever it runs, so doing it twice is harmless
 * (candidates are locked with {@code FOR UPDATE SKIP LOCKED}, so two nodes take different rows rather than wait).
 */
public final class Pruning {

	/** A safety net: one run stops after this many batches and leaves the rest to the next run. */
	static final int MAX_BATCHES_PER_RUN = 1_000;

	private Pruning() {
	}

	/** The instant before which rows are past this retention; empty when the retention is zero (keep for ever). */
	public static Optional<Instant> cutoff(Clock clock, Duration retention) {
		return retention.isZero() ? Optional.empty() : Optional.of(clock.instant().minus(retention));
	}

	/** What one batch did: how many candidate rows it looked at, and how many of them it deleted. */
	public record Batch(int looked, int deleted) {
	}

	/**
	 * Runs {@code batch} in a transaction of its own, again and again while it looked at a full batch (not while it
	 * deleted one: a batch of rows that had to be kept must not end the run early).
	 * @return how many rows the batches deleted in total
	 */
	public static int inBatches(TransactionOperations transactions, int batchSize, Supplier<Batch> batch) {
		int deleted = 0;
		int batches = 0;
		Batch last;
		do {
			last = transactions.execute(status -> batch.get());
			deleted += last == null ? 0 : last.deleted();
			batches++;
		}
		while (last != null && last.looked() >= batchSize && batches < MAX_BATCHES_PER_RUN);
		return deleted;
	}

}
