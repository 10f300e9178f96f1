package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.herald.routing.sequence.TimeWindow;
import io.herald.routing.split.SplitProblem;
import io.herald.routing.split.SplitResult;
import io.herald.routing.split.Vehicle;

/**
 * One Solomon VRPTW instance (the classic text format: a name line, {@code VEHICLE / NUMBER CAPACITY}, then
 * {@code CUSTOMER} rows of number, x, y, demand, ready time, due date, service time; row 0 is the depot, whose due date
 * is when every vehicle must be back).
 *
 * <p>As a {@link SplitProblem}: travel time = Euclidean distance, times 1000 and rounded up to an integer, and
 * windows, service times and the depot's due date times 1000. Rounding every leg up makes the integer schedule never
 * earlier than the exact one, so every plan the planner accepts is feasible in exact arithmetic too; {@link #check}
 * verifies that with doubles, and {@link #distance} measures plans unrounded, as the best-known solutions are.
 */
public final class SolomonInstance {

	/** Units of the planner's integer times per unit of Solomon time and distance. */
	static final int SCALE = 1000;

	private static final double EPSILON = 1e-9;

	public final String name;

	final int vehicles;

	final int capacity;

	final double[] x;

	final double[] y;

	final int[] demand;

	final double[] ready;

	final double[] due;

	final double[] service;

	private SolomonInstance(String name, int vehicles, int capacity, List<double[]> rows) {
		this.name = name;
		this.vehicles = vehicles;
		this.capacity = capacity;
		int size = rows.size();
		x = new double[size];
		y = new double[size];
		demand = new int[size];
		ready = new double[size];
		due = new double[size];
		service = new double[size];
		for (int i = 0; i < size; i++) {
			double[] row = rows.get(i);
			if ((int) row[0] != i) {
				throw new IllegalArgumentException(name + ": customer rows must be numbered 0, 1, 2, ...; row " + i
						+ " is numbered " + (int) row[0]);
			}
			x[i] = row[1];
			y[i] = row[2];
			demand[i] = (int) row[3];
			ready[i] = row[4];
			due[i] = row[5];
			service[i] = row[6];
		}
	}

	public static SolomonInstance read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		String name = null;
		int vehicles = -1;
		int capacity = -1;
		List<double[]> rows = new ArrayList<>();
		boolean vehicleSection = false;
		for (String line : lines) {
			String trimmed = line.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			if (name == null) {
				name = trimmed;
				continue;
			}
			String upper = trimmed.toUpperCase(java.util.Locale.ROOT);
			if (upper.startsWith("VEHICLE")) {
				vehicleSection = true;
				continue;
			}
			if (upper.startsWith("CUSTOMER") || upper.startsWith("NUMBER") || upper.startsWith("CUST")) {
				continue;
			}
			String[] fields = trimmed.split("\\s+");
			if (vehicleSection && vehicles < 0 && fields.length == 2) {
				vehicles = Integer.parseInt(fields[0]);
				capacity = Integer.parseInt(fields[1]);
				continue;
			}
			if (fields.length != 7) {
				throw new IllegalArgumentException(file + ": expected 7 numbers per customer row, got '" + trimmed + "'");
			}
			double[] row = new double[7];
			for (int i = 0; i < 7; i++) {
				row[i] = Double.parseDouble(fields[i]);
			}
			rows.add(row);
		}
		if (name == null || vehicles < 0 || rows.isEmpty()) {
			throw new IllegalArgumentException(file + ": not a Solomon instance (name, VEHICLE section, customers)");
		}
		return new SolomonInstance(name, vehicles, capacity, rows);
	}

	public int customers() {
		return x.length - 1;
	}

	double euclid(int a, int b) {
		return Math.hypot(x[a] - x[b], y[a] - y[b]);
	}

	public SplitProblem problem() {
		int size = x.length;
		int[][] travel = new int[size][size];
		for (int a = 0; a < size; a++) {
			for (int b = 0; b < size; b++) {
				travel[a][b] = (int) Math.ceil(euclid(a, b) * SCALE - EPSILON);
			}
		}
		int[] serviceSeconds = new int[size];
		TimeWindow[] windows = new TimeWindow[size];
		for (int i = 1; i < size; i++) {
			serviceSeconds[i] = (int) Math.round(service[i] * SCALE);
			windows[i] = new TimeWindow((int) Math.round(ready[i] * SCALE), (int) Math.round(due[i] * SCALE));
		}
		List<Vehicle> fleet = new ArrayList<>();
		for (int k = 0; k < vehicles; k++) {
			fleet.add(new Vehicle("v" + (k + 1), capacity, (int) Math.round(due[0] * SCALE)));
		}
		return new SplitProblem(travel, demand.clone(), serviceSeconds, windows, fleet, true);
	}

	/** Total unrounded Euclidean length of the plan's routes, each from the depot and back. */
	public double distance(SplitResult result) {
		double total = 0;
		for (int[] route : result.routes()) {
			int at = 0;
			for (int stop : route) {
				total += euclid(at, stop);
				at = stop;
			}
			total += euclid(at, 0);
		}
		return total;
	}

	/**
	 * Checks the plan in exact arithmetic: every customer routed exactly once or listed unassigned, capacities, windows (service starts by
	 * the due date, waiting if early) and the return by the depot's due date. Returns null, or what is wrong.
	 */
	public String check(SplitResult result) {
		int size = x.length;
		int[] seen = new int[size];
		for (int[] route : result.routes()) {
			int load = 0;
			double time = 0;
			int at = 0;
			for (int stop : route) {
				if (stop < 1 || stop >= size) {
					return "stop " + stop + " out of range";
				}
				seen[stop]++;
				load += demand[stop];
				double arrival = time + service[at] + euclid(at, stop);
				if (arrival > due[stop] + EPSILON) {
					return "customer " + stop + " reached at " + arrival + " after its due date " + due[stop];
				}
				time = Math.max(arrival, ready[stop]);
				at = stop;
			}
			if (load > capacity) {
				return "a route carries " + load + " > capacity " + capacity;
			}
			double back = time + service[at] + euclid(at, 0);
			if (!(route.length == 0) && back > due[0] + EPSILON) {
				return "a route returns at " + back + " after the depot closes at " + due[0];
			}
		}
		boolean[] unassigned = new boolean[size];
		for (int stop : result.unassigned()) {
			unassigned[stop] = true;
		}
		for (int stop = 1; stop < size; stop++) {
			if (seen[stop] != (unassigned[stop] ? 0 : 1)) {
				return "customer " + stop + " routed " + seen[stop] + " times"
						+ (unassigned[stop] ? " and listed unassigned" : "");
			}
		}
		return null;
	}

}
