package io.herald.bench;

import java.io.PrintStream;
import java.util.function.BiFunction;

/**
 * The main method of the benchmarks that run Herald: options with {@code --help}, figures on stdout ending with the
 * machine-readable line, everything else on stderr, and exit codes 0 (done), 2 (bad options) and 1 (failed).
 */
final class BenchMain {

	/** One benchmark, its options already read. */
	interface Benchmark {

		/** Runs every phase, printing the figures, and returns the machine-readable last line. */
		String run() throws Exception;

	}

	private BenchMain() {
	}

	/**
	 * @param create declares the options (reading their values) and builds the benchmark; it must not start anything,
	 * since {@code --help} only lists the options it declared
	 */
	static void run(String name, String[] args, BiFunction<PrintStream, BenchOptions, Benchmark> create) {
		// Only the figures go to stdout, so that its last line is the machine-readable one whatever Spring, Tomcat
		// or PostgreSQL log (to stderr) while starting and stopping.
		PrintStream out = System.out;
		System.setOut(System.err);
		int exit;
		try {
			BenchOptions options = new BenchOptions(name, args);
			Benchmark bench = create.apply(out, options);
			if (options.helpRequested()) {
				out.print(options.help());
				out.flush();
				System.exit(0);
			}
			options.rejectUnknown();
			out.println(bench.run());
			exit = 0;
		}
		catch (IllegalArgumentException e) {
			System.err.println(name + ": " + e.getMessage());
			exit = 2;
		}
		catch (Throwable e) {
			System.err.println(name + ": failed");
			e.printStackTrace();
			exit = 1;
		}
		out.flush();
		// HTTP client and server threads must not keep a finished benchmark alive
		System.exit(exit);
	}

	/** Rejects an option value: exit code 2 with the message. */
	/** Nanoseconds (of {@link System#nanoTime()} differences) as seconds. */
	static double seconds(long nanos) {
		return nanos / 1e9;
	}

	static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
