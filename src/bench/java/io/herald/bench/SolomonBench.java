package io.herald.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.herald.routing.split.SplitPlanner;
import io.herald.routing.split.SplitProblem;
import io.herald.routing.split.SplitResult;

/**
 * bench/run solomon: Herald's split-and-sequence planner ({@link SplitPlanner}) on every Solomon VRPTW instance in a
 * directory, against the best-known solutions in its best-known.csv: vehicles used (the first objective), total
 * distance (unrounded Euclidean, the second), their gaps, and wall time. Every plan is checked in exact arithmetic
 * (capacities, windows, depot closing time, every customer served once) before it is counted.
 *
 * <p>The fleet and capacity come from each file, travel time is the distance; see {@link SolomonInstance}. The
 * planner first runs on one instance briefly so that the JIT has compiled it, then once per instance on one thread.
 */
public final class SolomonBench {

	private final PrintStream out;

	private final Path directory;

	private final int budgetMs;

	private final int seed;

	private final boolean compareJsprit;

	private SolomonBench(PrintStream out, Path directory, BenchOptions options) {
		this.out = out;
		this.directory = directory;
		this.budgetMs = options.integer("budget-ms", 2_000, "planner budget per instance, in milliseconds");
		this.seed = options.integer("seed", 1, "seed of the planner");
		this.compareJsprit = options.integer("jsprit", 1, "1: also run jsprit with the same budget, 0: Herald only") != 0;
	}

	public static void main(String[] args) {
		PrintStream out = System.out;
		System.setOut(System.err);
		SolomonJsprit.quiet();
		int exit = 0;
		try {
			Path directory = Path.of("../shared/data/solomon");
			List<String> rest = new ArrayList<>();
			for (String arg : args) {
				if (arg.startsWith("--data=")) {
					directory = Path.of(arg.substring("--data=".length()));
				}
				else {
					rest.add(arg);
				}
			}
			BenchOptions options = new BenchOptions("solomon", rest.toArray(String[]::new));
			SolomonBench bench = new SolomonBench(out, directory, options);
			if (options.helpRequested()) {
				out.print(options.help());
				out.printf("  --%-18s %-8s %s%n", "data=DIR", "../shared/data/solomon",
						"directory of Solomon *.txt files and best-known.csv, relative to the project root");
			}
			else {
				options.rejectUnknown();
				bench.run();
			}
		}
		catch (IllegalArgumentException | IllegalStateException | IOException e) {
			System.err.println("solomon: " + e.getMessage());
			exit = 2;
		}
		out.flush();
		System.exit(exit);
	}

	private void run() throws IOException {
		Map<String, double[]> bestKnown = bestKnown();
		List<SolomonInstance> instances = instances();
		out.printf(Locale.ROOT, "solomon: %d instances in %s; budget %d ms per instance, seed %d, %d cores%n",
				instances.size(), directory, budgetMs, seed, Runtime.getRuntime().availableProcessors());
		out.println("  travel time = Euclidean distance (x1000, each leg rounded up); distances below unrounded");
		warmUp(instances.get(0));
		out.printf(Locale.ROOT, "%-8s %-7s %4s | %8s %5s %4s | %9s %9s %7s | %7s%n", "instance", "solver", "n",
				"vehicles", "best", "gap", "distance", "best", "gap %", "ms");
		Tally herald = new Tally("herald");
		Tally jsprit = new Tally("jsprit");
		for (SolomonInstance instance : instances) {
			double[] known = bestKnown.get(instance.name);
			if (known == null) {
				throw new IllegalArgumentException("no best-known solution for " + instance.name + " in best-known.csv");
			}
			SplitProblem problem = instance.problem();
			long started = System.nanoTime();
			SplitResult result = new SplitPlanner(Duration.ofMillis(budgetMs), seed).plan(problem);
			long ms = (System.nanoTime() - started) / 1_000_000;
			if (result.unassigned().length > 0) {
				throw new IllegalStateException(instance.name + ": herald left customers unassigned: "
						+ Arrays.toString(result.unassigned()));
			}
			row(herald, instance, known, result, ms);
			if (compareJsprit) {
				started = System.nanoTime();
				SplitResult other = SolomonJsprit.solve(instance, Duration.ofMillis(budgetMs), seed);
				row(jsprit, instance, known, other, (System.nanoTime() - started) / 1_000_000);
			}
		}
		out.println();
		if (compareJsprit) {
			jsprit.summary();
		}
		herald.summary();
		out.printf(Locale.ROOT, "solomon: instances=%d mean_vehicle_gap=%.2f mean_distance_gap_pct=%.2f max_ms=%d%n",
				herald.count, herald.vehicleGaps / herald.count, herald.distanceGaps / herald.count, herald.maxMs);
	}

	private void row(Tally tally, SolomonInstance instance, double[] known, SplitResult result, long ms) {
		String wrong = instance.check(result);
		if (wrong != null) {
			throw new IllegalStateException(instance.name + ": " + tally.solver + " gave an infeasible plan: " + wrong);
		}
		int vehicles = result.vehiclesUsed();
		double distance = instance.distance(result);
		int vehicleGap = vehicles - (int) known[0];
		double distanceGap = 100 * (distance - known[1]) / known[1];
		// best-known distances are rounded to 2 decimals: a plan equal to one prints 0.00, not -0.00
		distanceGap = Math.abs(distanceGap) < 0.005 ? 0 : distanceGap;
		out.printf(Locale.ROOT, "%-8s %-7s %4d | %8d %5d %+4d | %9.2f %9.2f %+7.2f | %7d%s%n", instance.name,
				tally.solver, instance.customers(), vehicles, (int) known[0], vehicleGap, distance, known[1],
				distanceGap, ms, result.unassigned().length > 0
						? "  (" + result.unassigned().length + " customers unassigned)" : "");
		tally.add(vehicleGap, distanceGap, ms);
	}

	/** Per solver: sums for the means. */
	private final class Tally {

		final String solver;

		int count;

		int matched;

		double vehicleGaps;

		double distanceGaps;

		long maxMs;

		Tally(String solver) {
			this.solver = solver;
		}

		void add(int vehicleGap, double distanceGap, long ms) {
			count++;
			matched += vehicleGap <= 0 ? 1 : 0;
			vehicleGaps += vehicleGap;
			distanceGaps += distanceGap;
			maxMs = Math.max(maxMs, ms);
		}

		void summary() {
			out.printf(Locale.ROOT, "%-7s %d instances: best-known vehicle count on %d, mean vehicle gap %.2f, "
					+ "mean distance gap %.2f%%, max %d ms%n", solver, count, matched, vehicleGaps / count,
					distanceGaps / count, maxMs);
		}

	}

	private void warmUp(SolomonInstance instance) {
		SplitProblem problem = instance.problem();
		for (int i = 0; i < 3; i++) {
			new SplitPlanner(Duration.ofMillis(200), seed + 1 + i).plan(problem);
			if (compareJsprit) {
				SolomonJsprit.solve(instance, Duration.ofMillis(200), seed + 1 + i);
			}
		}
	}

	/** best-known.csv: {@code instance,vehicles,distance} lines, {@code #} comments. */
	private Map<String, double[]> bestKnown() throws IOException {
		Path file = directory.resolve("best-known.csv");
		if (!Files.exists(file)) {
			throw new IllegalArgumentException(file + " not found; give the data directory with --data=DIR");
		}
		Map<String, double[]> known = new LinkedHashMap<>();
		for (String line : Files.readAllLines(file)) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			String[] fields = trimmed.split(",");
			known.put(fields[0].strip(),
					new double[] { Integer.parseInt(fields[1].strip()), Double.parseDouble(fields[2].strip()) });
		}
		return known;
	}

	private List<SolomonInstance> instances() throws IOException {
		if (!Files.isDirectory(directory)) {
			throw new IllegalArgumentException(directory + " is not a directory; give one with --data=DIR");
		}
		List<SolomonInstance> instances = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
				.sorted(Comparator.comparing(Path::toString))
				.toList()) {
				instances.add(SolomonInstance.read(file));
			}
		}
		if (instances.isEmpty()) {
			throw new IllegalArgumentException("no Solomon *.txt files in " + directory);
		}
		return instances;
	}

}
