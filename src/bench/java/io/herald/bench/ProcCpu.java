package io.herald.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of processes and threads as Linux accounts it in /proc ({@code utime + stime} of {@code stat}). Where
 * /proc cannot be read the figures are 0: the benchmarks still run, they just cannot say where the CPU went.
 *
 * <p>Resolution is a clock tick (10 ms, USER_HZ is 100 on Linux whatever the kernel's HZ); the phases measured last
 * seconds, so that is below a percent.
 */
final class ProcCpu {

	private static final long NANOS_PER_TICK = 10_000_000L;

	private ProcCpu() {
	}

	/** CPU of every thread of the process, in nanoseconds; 0 if it is gone or unreadable. */
	static long processNanos(long pid) {
		long[] ticks = stat(Path.of("/proc", Long.toString(pid), "stat"));
		return ticks == null ? 0 : (ticks[0] + ticks[1]) * NANOS_PER_TICK;
	}

	/**
	 * CPU of a server that forks a process per connection, such as the postmaster: its own, that of its children
	 * alive now, and that of its children that ended and were waited for (cutime/cstime), so that a backend that
	 * exits between two readings is not lost. Grandchildren are not counted (PostgreSQL forks none).
	 */
	static long serverNanos(ProcessHandle server) {
		long[] own = stat(Path.of("/proc", Long.toString(server.pid()), "stat"));
		if (own == null) {
			return 0;
		}
		long ticks = own[0] + own[1] + own[2] + own[3];
		for (ProcessHandle child : (Iterable<ProcessHandle>) server.children()::iterator) {
			long[] c = stat(Path.of("/proc", Long.toString(child.pid()), "stat"));
			ticks += c == null ? 0 : c[0] + c[1];
		}
		return ticks * NANOS_PER_TICK;
	}

	/**
	 * CPU of the process's threads whose name (as the kernel keeps it: the first 15 characters, e.g. "C2
	 * CompilerThre") starts with one of the prefixes. Threads that already ended are not counted.
	 */
	static long threadsNanos(long pid, String... prefixes) {
		long ticks = 0;
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				String name;
				try {
					name = Files.readString(task.resolve("comm")).strip();
				}
				catch (IOException e) {
					continue;
				}
				for (String prefix : prefixes) {
					if (name.startsWith(prefix)) {
						long[] t = stat(task.resolve("stat"));
						ticks += t == null ? 0 : t[0] + t[1];
						break;
					}
				}
			}
		}
		catch (IOException | RuntimeException e) {
			return 0;
		}
		return ticks * NANOS_PER_TICK;
	}

	/**
	 * Scheduler times of the process's threads whose name starts with {@code prefix}, from {@code schedstat}: {time on
	 * a core, time runnable but waiting for one} in nanoseconds; zeros if unreadable. Time a thread spent neither way
	 * it was blocked (I/O, a lock, a sleep).
	 */
	static long[] threadsSchedstat(long pid, String prefix) {
		long[] times = new long[2];
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : tasks) {
				try {
					if (Files.readString(task.resolve("comm")).strip().startsWith(prefix)) {
						String[] fields = Files.readString(task.resolve("schedstat")).strip().split(" ");
						times[0] += Long.parseLong(fields[0]);
						times[1] += Long.parseLong(fields[1]);
					}
				}
				catch (IOException | RuntimeException e) {
					// the thread ended meanwhile
				}
			}
		}
		catch (IOException | RuntimeException e) {
			return new long[2];
		}
		return times;
	}

	/** utime, stime, cutime, cstime in ticks; null if unreadable. */
	private static long[] stat(Path file) {
		try {
			String line = Files.readString(file);
			// the name (field 2) is in parentheses and may contain spaces: count fields after its closing one
			String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
			// fields[0] is field 3 (state); utime is field 14
			return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
					Long.parseLong(fields[14]) };
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}

}
