package io.herald.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Percentiles of a set of durations in nanoseconds. */
final class Latencies {

	private final long[] sorted;

	Latencies(Collection<Long> nanos) {
		this.sorted = nanos.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
	}

	/** Nearest-rank percentile in milliseconds, rounded; -1 without samples. */
	long millis(double percentile) {
		if (sorted.length == 0) {
			return -1;
		}
		int rank = (int) Math.ceil(percentile / 100 * sorted.length);
		return Math.round(sorted[Math.max(0, rank - 1)] / 1e6);
	}

	/** Nearest-rank percentile in milliseconds, unrounded (for a chart's log scale); NaN without samples. */
	double exactMillis(double percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percentile / 100 * sorted.length);
		return sorted[Math.max(0, rank - 1)] / 1e6;
	}

	int count() {
		return sorted.length;
	}

	long p50Millis() {
		return millis(50);
	}

	long p99Millis() {
		return millis(99);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "p50=%d ms p90=%d ms p99=%d ms max=%d ms (n=%d)", millis(50), millis(90),
				millis(99), millis(100), sorted.length);
	}

}
