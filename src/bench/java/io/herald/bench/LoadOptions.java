package io.herald.bench;

import java.util.Locale;

/**
 * The options loop and notify share: the phases of {@link LoadPhases}, how long to wait for what Herald sends, the
 * PostgreSQL commit probe and the chart.
 *
 * @param batch reports per request in the batched phase (and notify's crash burst)
 * @param stallSeconds stop waiting for messages after this long without a new one
 * @param chart where to draw the latency-throughput curve, or null
 */
record LoadOptions(int reports, int connections, int batchReports, int batch, int batchConnections,
		int warmupSeconds, int warmupMaxSeconds, int stepSeconds, int pgSeconds, int pgConnections, int stallSeconds,
		String chart) {

	/**
	 * Declares and reads the shared options.
	 * @param benchmark the benchmark's name, for the chart's example path
	 * @param batchAlso what else sends batches (e.g. " and the crash burst"), or ""
	 * @param messages what the receivers count, e.g. "webhooks"
	 */
	static LoadOptions read(BenchOptions options, String benchmark, String batchAlso, String messages) {
		LoadOptions read = new LoadOptions(
				options.integer("reports", 10_000, "reports in the single-report saturation phase"),
				options.integer("connections", 16, "concurrent clients of the single-report saturation"),
				options.integer("batch-reports", 10_000, "reports in the batched saturation phase"),
				options.integer("batch", 200, "reports per request in the batched phase" + batchAlso + " (max 1000)"),
				options.integer("batch-connections", 4, "concurrent clients of the batched phase" + batchAlso),
				options.integer("warmup-s", 60,
						"unmeasured warm-up: rounds of 1000 reports (800 single, 200 batched) for at least this long, then until the JIT has settled; 0: none"),
				options.integer("warmup-max-s", 300, "the warm-up ends after this long even if the JIT has not settled"),
				options.integer("step-s", 15, "duration of each step of the latency-throughput curve"),
				options.integer("pg-seconds", 5, "duration of the PostgreSQL commit probe"),
				options.integer("pg-connections", 8, "connections of the PostgreSQL commit probe"),
				options.integer("stall-s", 60,
						"stop waiting for " + messages + " after this long without a new one (the rest count as lost)"),
				options.text("chart", "FILE",
						"write the latency-throughput curve as an SVG image there (relative to the repository root, e.g. docs/bench-"
								+ benchmark + "-curve.svg)"));
		options.note(LoadPhases.ENVIRONMENT);
		BenchMain.require(read.reports >= 1 && read.connections >= 1 && read.batchReports >= 1
				&& read.batchConnections >= 1 && read.warmupSeconds >= 0 && read.stepSeconds >= 1
				&& read.pgSeconds >= 1 && read.pgConnections >= 1 && read.stallSeconds >= 1,
				"every option must be at least 1 (--warmup-s at least 0)");
		BenchMain.require(read.batch >= 1 && read.batch <= 1000,
				"--batch must be between 1 and 1000 (Herald's batch limit)");
		return read;
	}

	/** "single reports: 10000, 16 connections; batches: ...; warm-up 60 s; curve steps 15 s" */
	String describe() {
		return String.format(Locale.ROOT,
				"single reports: %d, %d connections; batches: %d reports, %d per request, %d connections; warm-up %d s; curve steps %d s",
				reports, connections, batchReports, batch, batchConnections, warmupSeconds, stepSeconds);
	}

}
