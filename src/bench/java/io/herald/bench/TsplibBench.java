package io.herald.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.herald.routing.sequence.TsplibInstance;

/**
 * bench/run tsplib: every TSPLIB instance in a directory solved as a closed tour by Herald's sequencer and, with the
 * same time budget per instance, by jsprit and OR-Tools; length, gap to the proven optimum and wall time for each.
 * Herald also runs with a tenth of the budget, since the goal is to beat the others with a tenth of their
 * time.
 *
 * <p>Budgets follow the targets: 100 ms up to 200 nodes, 1 s up to 300 (a280), 10 s above (pr1002). Every
 * solver first runs briefly on a random instance so that the JIT has compiled it (OR-Tools is native; the warm-up
 * loads its library). All run one after the other on one thread each.
 */
public final class TsplibBench {

	private final PrintStream out;

	private final Path directory;

	private final long seed;

	private final long smallMs;

	private final long mediumMs;

	private final long largeMs;

	private final List<Column> columns = new ArrayList<>();

	private TsplibBench(PrintStream out, TspOptions options) {
		this.out = out;
		this.directory = Path.of(options.text("data", "../shared/data/tsplib",
				"directory of *.tsp files and optima.csv, relative to the project root"));
		this.seed = options.number("seed", 1, "seed of every solver");
		this.smallMs = options.number("small-ms", 100, "budget per instance of up to 200 nodes");
		this.mediumMs = options.number("medium-ms", 1000, "budget per instance of 201 to 300 nodes (a280)");
		this.largeMs = options.number("large-ms", 10_000, "budget per instance of more than 300 nodes (pr1002)");
		String solvers = options.text("solvers", "herald,jsprit,ortools", "which solvers to run (herald always)");
		columns.add(new Column("herald", new TspHerald(), 1));
		columns.add(new Column("herald/10", new TspHerald(), 10));
		if (solvers.contains("jsprit")) {
			columns.add(new Column("jsprit", new TspJsprit(), 1));
		}
		if (solvers.contains("ortools")) {
			try {
				columns.add(new Column("ortools", TspOrTools.load(), 1));
			}
			catch (LinkageError | RuntimeException e) {
				out.println("ortools: not available on this machine (" + e + "); left out");
			}
		}
	}

	public static void main(String[] args) {
		PrintStream out = System.out;
		System.setOut(System.err);
		TspData.quietLibraries();
		int exit = 0;
		try {
			TspOptions options = new TspOptions("bench/run tsplib [--option=value ...]", args);
			TsplibBench bench = new TsplibBench(out, options);
			if (options.helpRequested()) {
				out.print(options.help());
			}
			else {
				options.rejectUnknown();
				bench.run();
			}
		}
		catch (IllegalArgumentException | IOException e) {
			System.err.println("tsplib: " + e.getMessage());
			exit = 2;
		}
		out.flush();
		System.exit(exit);
	}

	private void run() throws IOException {
		Map<String, Long> optima = TspData.optima(directory);
		List<TsplibInstance> instances = instances();
		out.printf(Locale.ROOT, "tsplib: %d instances in %s, closed tours, EUC_2D rounded per edge; seed %d; "
				+ "budgets %d ms (n <= 200), %d ms (n <= 300), %d ms (larger); %d cores%n", instances.size(),
				directory, seed, smallMs, mediumMs, largeMs, Runtime.getRuntime().availableProcessors());
		warmUp();
		out.print(header());
		for (TsplibInstance instance : instances) {
			Long optimum = optima.get(instance.name());
			if (optimum == null) {
				throw new IllegalArgumentException("no optimum for " + instance.name() + " in optima.csv");
			}
			int[][] distances = instance.distances();
			Duration budget = Duration.ofMillis(budgetFor(instance.dimension()));
			StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-9s %5d %7d %6d", instance.name(),
					instance.dimension(), optimum, budget.toMillis()));
			for (Column column : columns) {
				TspSolver.Run run = TspSolver.Run.of(column.solver, instance, distances,
						budget.dividedBy(column.divisor), seed);
				double gap = 100.0 * (run.length() - optimum) / optimum;
				column.add(instance.dimension(), gap, run.millis());
				row.append(String.format(Locale.ROOT, " | %7d %6.2f %6d", run.length(), gap, run.millis()));
			}
			out.println(row);
		}
		out.println();
		for (Column column : columns) {
			out.printf(Locale.ROOT, "%-10s mean gap %5.2f%% (n <= 200: %5.2f%%), max gap %5.2f%%, max %d ms%n",
					column.name, column.all.mean(), column.small.mean(), column.all.max, column.all.maxMs);
		}
		Column herald = columns.get(0);
		out.printf(Locale.ROOT, "tsplib (n <= 200): instances=%d mean_gap_pct=%.2f max_gap_pct=%.2f max_ms=%d%n",
				herald.small.count, herald.small.mean(), herald.small.max, herald.small.maxMs);
		out.printf(Locale.ROOT, "tsplib: instances=%d mean_gap_pct=%.2f max_gap_pct=%.2f max_ms=%d%n",
				herald.all.count, herald.all.mean(), herald.all.max, herald.all.maxMs);
	}

	private long budgetFor(int nodes) {
		return nodes <= 200 ? smallMs : nodes <= 300 ? mediumMs : largeMs;
	}

	private List<TsplibInstance> instances() throws IOException {
		if (!Files.isDirectory(directory)) {
			throw new IllegalArgumentException(directory + " is not a directory; give one with --data=DIR");
		}
		List<TsplibInstance> instances = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".tsp")).toList()) {
				instances.add(TsplibInstance.read(file));
			}
		}
		instances.sort(Comparator.comparingInt(TsplibInstance::dimension).thenComparing(TsplibInstance::name));
		return instances;
	}

	/** A random 150-node instance, solved a few times by each solver before anything is measured. */
	private void warmUp() {
		Random random = new Random(seed);
		double[] x = new double[150];
		double[] y = new double[150];
		for (int i = 0; i < x.length; i++) {
			x[i] = random.nextInt(10_000);
			y[i] = random.nextInt(10_000);
		}
		TsplibInstance warm = new TsplibInstance("warm-up", x, y);
		int[][] distances = warm.distances();
		Map<String, TspSolver> solvers = new LinkedHashMap<>();
		columns.forEach(column -> solvers.putIfAbsent(column.name.replace("/10", ""), column.solver));
		for (TspSolver solver : solvers.values()) {
			for (int round = 0; round < 5; round++) {
				TspSolver.Run.of(solver, warm, distances, Duration.ofMillis(200), seed + round);
			}
		}
	}

	private String header() {
		StringBuilder names = new StringBuilder(String.format("%-9s %5s %7s %6s", "", "", "", "budget"));
		StringBuilder fields = new StringBuilder(String.format("%-9s %5s %7s %6s", "instance", "n", "optimum", "ms"));
		for (Column column : columns) {
			names.append(String.format(" | %-21s", column.divisor == 1 ? column.name
					: column.name + " (budget/" + column.divisor + ")"));
			fields.append(String.format(" | %7s %6s %6s", "length", "gap%", "ms"));
		}
		return names + "\n" + fields + "\n";
	}

	/** One solver at one share of the budget, and its figures so far. */
	private static final class Column {

		final String name;

		final TspSolver solver;

		final int divisor;

		final Figures all = new Figures();

		final Figures small = new Figures();

		Column(String name, TspSolver solver, int divisor) {
			this.name = name;
			this.solver = solver;
			this.divisor = divisor;
		}

		void add(int nodes, double gap, long millis) {
			all.add(gap, millis);
			if (nodes <= 200) {
				small.add(gap, millis);
			}
		}

	}

	private static final class Figures {

		int count;

		double sum;

		double max;

		long maxMs;

		void add(double gap, long millis) {
			count++;
			sum += gap;
			max = Math.max(max, gap);
			maxMs = Math.max(maxMs, millis);
		}

		double mean() {
			return count == 0 ? 0 : sum / count;
		}

	}

}
