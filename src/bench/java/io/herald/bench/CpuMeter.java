package io.herald.bench;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM and, separately, by the PostgreSQL server (postmaster and its backends), so that a phase
 * can say which side the cores went to. Linux reads these from /proc; where the platform does not tell, the figures
 * are 0.
 */
final class CpuMeter {

	private final ProcessHandle postgres;

	private final long startNanos = System.nanoTime();

	private final long jvmStart;

	private final long childrenStart;

	/** @param postgres the postmaster; null if unknown */
	CpuMeter(ProcessHandle postgres) {
		this.postgres = postgres;
		this.jvmStart = jvmCpuNanos();
		this.childrenStart = postgresCpuNanos();
	}

	/** Cores in use on average since this meter started: "JVM x.x, postgres y.y". */
	String coresSinceStart() {
		double wall = System.nanoTime() - startNanos;
		return String.format(java.util.Locale.ROOT, "JVM %.2f cores, postgres %.2f cores",
				(jvmCpuNanos() - jvmStart) / wall, (postgresCpuNanos() - childrenStart) / wall);
	}

	private static long jvmCpuNanos() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	/** Backends that exited in between are missed; Herald's connection pool keeps its backends alive. */
	private long postgresCpuNanos() {
		if (postgres == null) {
			return 0;
		}
		return Stream.concat(Stream.of(postgres), postgres.descendants())
			.mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
			.sum();
	}

}
