package io.herald.routing.sequence;

import java.time.Duration;

/**
 * How long and how reproducibly the {@link Sequencer} searches.
 *
 * @param budget wall-clock cap on the improvement phase; checked between iterations, so one iteration may overrun
 * it by its own length (microseconds for routes of a few hundred stops)
 * @param seed seed of the search's random choices
 * @param maxIterations improvement iterations at most; the result depends only on the problem, the seed and the
 * number of iterations run, so a run that stops on this limit rather than on the budget is reproducible anywhere
 */
public record SequencerSettings(Duration budget, long seed, int maxIterations) {

	public SequencerSettings {
		if (budget.isNegative()) {
			throw new IllegalArgumentException("budget must not be negative");
		}
		if (maxIterations < 0) {
			throw new IllegalArgumentException("maxIterations must not be negative");
		}
	}

	/** Stops on the budget only: the fastest machine-dependent setting, for benchmarks. */
	public static SequencerSettings timeBudget(Duration budget, long seed) {
		return new SequencerSettings(budget, seed, Integer.MAX_VALUE);
	}

	/** Stops on the iteration limit only: reproducible on every machine, however slow. */
	public static SequencerSettings iterationLimit(int maxIterations, long seed) {
		return new SequencerSettings(Duration.ofDays(1), seed, maxIterations);
	}

}
