package io.herald.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * What a phase of a benchmark cost, and who paid: CPU of the Herald JVM, of its PostgreSQL (postmaster and backends)
 * and of the benchmark's own JVM (load generator and receivers), all from /proc, and the JIT and GC time the Herald
 * JVM reports itself. Read at the phase's start and end only, so measuring costs nothing during the phase.
 */
final class PhaseMeter {

	/** Kernel names of HotSpot's JIT compiler threads (15 characters kept). */
	private static final String[] COMPILER_THREADS = { "C1 CompilerThre", "C2 CompilerThre" };

	/** Kernel names of the collectors' threads (G1's by default; the others when a run chooses them). */
	private static final String[] GC_THREADS = { "GC Thread", "G1 ", "ZThread", "Shenandoah" };

	private final HeraldProcess herald;

	private final Optional<ProcessHandle> postmaster;

	PhaseMeter(HeraldProcess herald) throws Exception {
		this.herald = herald;
		this.postmaster = herald.database().postmaster();
	}

	/**
	 * Waits until the Herald JVM is nearly idle (under a tenth of a core for a quarter of a second), at most
	 * {@code maxSeconds}: the set-up before a phase (placing its orders) leaves JIT compilations queued that would
	 * otherwise run on into the phase and be counted as its cost.
	 * @return false if it was still busy when the time was up
	 */
	boolean awaitIdle(int maxSeconds) throws InterruptedException {
		long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
		long before = ProcCpu.processNanos(herald.pid());
		while (System.nanoTime() < deadline) {
			Thread.sleep(250);
			long now = ProcCpu.processNanos(herald.pid());
			if (now - before <= 25_000_000L) {
				return true;
			}
			before = now;
		}
		return false;
	}

	/** The totals now. */
	Snapshot snapshot() throws Exception {
		long pid = herald.pid();
		return new Snapshot(System.nanoTime(), ProcCpu.processNanos(pid),
				postmaster.map(ProcCpu::serverNanos).orElse(0L), ProcCpu.processNanos(ProcessHandle.current().pid()),
				ProcCpu.threadsNanos(pid, COMPILER_THREADS), ProcCpu.threadsNanos(pid, GC_THREADS), herald.stats());
	}

	/** What was spent since {@code start}. */
	Usage since(Snapshot start) throws Exception {
		Snapshot end = snapshot();
		return new Usage((end.wallNanos - start.wallNanos) / 1e9, end.heraldNanos - start.heraldNanos,
				end.postgresNanos - start.postgresNanos, end.benchNanos - start.benchNanos,
				end.stats.jitMillis() - start.stats.jitMillis(), end.compilerNanos - start.compilerNanos,
				end.stats.gcCount() - start.stats.gcCount(), end.stats.gcMillis() - start.stats.gcMillis(),
				end.gcThreadNanos - start.gcThreadNanos);
	}

	record Snapshot(long wallNanos, long heraldNanos, long postgresNanos, long benchNanos, long compilerNanos,
			long gcThreadNanos, HeraldProcess.NodeStats stats) {
	}

	/**
	 * CPU and JIT/GC spent over a phase.
	 * @param seconds wall-clock length of the phase
	 * @param heraldNanos CPU of the Herald JVM
	 * @param postgresNanos CPU of PostgreSQL (postmaster and backends)
	 * @param benchNanos CPU of the benchmark's JVM: load generator and receivers
	 * @param jitMillis compilation time the JVM reports (CompilationMXBean)
	 * @param compilerNanos CPU of the JIT compiler threads alive at the end (/proc)
	 * @param gcMillis collection time the JVM reports (GarbageCollectorMXBeans; pauses for G1's young collections)
	 * @param gcThreadNanos CPU of the collector's threads (/proc)
	 */
	record Usage(double seconds, long heraldNanos, long postgresNanos, long benchNanos, long jitMillis,
			long compilerNanos, long gcCount, long gcMillis, long gcThreadNanos) {

		/** Herald's CPU (JVM and PostgreSQL) per accepted report, in microseconds. */
		double heraldMicrosPerReport(long reports) {
			return (heraldNanos + postgresNanos) / 1e3 / Math.max(1, reports);
		}

		/**
		 * "JVM 812 us + PostgreSQL 230 us = 1042 us (JVM without its JIT compiler threads: 700 us)" per accepted
		 * report: the JIT's share says how far from the steady state the phase was.
		 */
		String perReport(long reports) {
			double n = Math.max(1, reports) * 1e3;
			return String.format(Locale.ROOT,
					"JVM %.0f us + PostgreSQL %.0f us = %.0f us (JVM without its JIT compiler threads: %.0f us)",
					heraldNanos / n, postgresNanos / n, heraldMicrosPerReport(reports),
					(heraldNanos - compilerNanos) / n);
		}

		/** Average cores used over the phase. */
		String cores() {
			double wall = seconds * 1e9;
			return String.format(Locale.ROOT,
					"herald JVM %.2f, PostgreSQL %.2f, bench JVM %.2f (load generator + receivers)",
					heraldNanos / wall, postgresNanos / wall, benchNanos / wall);
		}

		/**
		 * The compiler threads' CPU is the JIT's cost to the machine; the JVM's own compilation time sums the wall time
		 * of compilations running side by side (and waiting for a core), so it can exceed the phase.
		 */
		String jitAndGc() {
			return String.format(Locale.ROOT,
					"JIT: compiler threads %d ms of CPU (compilation time %d ms); GC: %d collections, %d ms (GC threads %d ms of CPU)",
					compilerNanos / 1_000_000, jitMillis, gcCount, gcMillis, gcThreadNanos / 1_000_000);
		}

		/** The three lines a measured phase prints about itself. */
		String describe(long acceptedReports) {
			return String.format(Locale.ROOT,
					"  herald CPU per accepted report: %s (%d reports in %.1f s)%n  cores used: %s%n  %s%n",
					perReport(acceptedReports), acceptedReports, seconds, cores(), jitAndGc());
		}

	}

}
