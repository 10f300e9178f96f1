package io.herald.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.herald.routing.sequence.TsplibInstance;

/**
 * bench/run tsp-solve FILE [BUDGET_MS]: Herald's sequencer on one TSPLIB EUC_2D file, so that any instance can be
 * checked. The last line is {@code length=N ms=N}; before it, the gap when optima.csv beside the file knows the
 * instance, and the iterations run (with the same seed, that many iterations reproduce the tour on any machine).
 */
public final class TsplibSolve {

	private TsplibSolve() {
	}

	public static void main(String[] args) {
		PrintStream out = System.out;
		System.setOut(System.err);
		int exit = 0;
		try {
			TspOptions options = new TspOptions("bench/run tsp-solve FILE [BUDGET_MS] [--option=value ...]", args);
			long seed = options.number("seed", 1, "seed of the search");
			long warmUpMs = options.number("warm-up-ms", 0, "solve the file this long first, unmeasured (JIT)");
			List<String> positional = options.positional();
			if (options.helpRequested()) {
				out.print(options.help());
			}
			else {
				options.rejectUnknown();
				if (positional.isEmpty() || positional.size() > 2) {
					throw new IllegalArgumentException("expected FILE [BUDGET_MS]; see --help");
				}
				long budgetMs = positional.size() == 2 ? Long.parseLong(positional.get(1)) : 100;
				solve(out, Path.of(positional.get(0)), budgetMs, seed, warmUpMs);
			}
		}
		catch (IllegalArgumentException | IOException e) {
			System.err.println("tsp-solve: " + e.getMessage());
			exit = 2;
		}
		out.flush();
		System.exit(exit);
	}

	private static void solve(PrintStream out, Path file, long budgetMs, long seed, long warmUpMs) throws IOException {
		TsplibInstance instance = TsplibInstance.read(file);
		int[][] distances = instance.distances();
		TspHerald herald = new TspHerald();
		long warmUpEnd = System.nanoTime() + warmUpMs * 1_000_000;
		while (System.nanoTime() < warmUpEnd) {
			herald.solve(instance, distances, Duration.ofMillis(Math.min(budgetMs, 200)), seed);
		}
		TspSolver.Run run = TspSolver.Run.of(herald, instance, distances, Duration.ofMillis(budgetMs), seed);
		out.printf(Locale.ROOT, "instance=%s n=%d budget_ms=%d seed=%d iterations=%d%n", instance.name(),
				instance.dimension(), budgetMs, seed, herald.lastIterations());
		Path parent = file.toAbsolutePath().getParent();
		Long optimum = TspData.optima(parent).get(instance.name());
		if (optimum != null) {
			out.printf(Locale.ROOT, "optimum=%d gap_pct=%.2f%n", optimum, 100.0 * (run.length() - optimum) / optimum);
		}
		out.printf(Locale.ROOT, "length=%d ms=%d%n", run.length(), run.millis());
	}

}
