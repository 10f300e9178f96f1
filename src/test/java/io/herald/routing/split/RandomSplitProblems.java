package io.herald.routing.split;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.herald.routing.sequence.TimeWindow;

/**
 * Seeded generator of split problems for the property tests: a failing case is reproduced from the seed in the
 * test's name. Stops lie on a 10 km square around the depot; travel is straight-line at 10 m/s, optionally made
 * one-way by a random detour per direction.
 */
final class RandomSplitProblems {

	private final SplittableRandom random;

	RandomSplitProblems(long seed) {
		this.random = new SplittableRandom(seed);
	}

	int between(int low, int high) {
		return low + random.nextInt(high - low + 1);
	}

	boolean chance(double probability) {
		return random.nextDouble() < probability;
	}

	/** Anything the planner may be given: windows or not, tight or loose fleets, open or closed routes. */
	SplitProblem anyProblem() {
		int stops = between(0, 60);
		int[][] travel = travel(stops, chance(0.6));
		int[] demand = new int[stops + 1];
		int[] service = new int[stops + 1];
		for (int i = 1; i <= stops; i++) {
			demand[i] = between(0, 6);
			service[i] = between(30, 300);
		}
		TimeWindow[] windows = windows(stops, chance(0.7) ? random.nextDouble() : 0);
		List<Vehicle> vehicles = new ArrayList<>();
		int count = between(0, 6);
		for (int k = 0; k < count; k++) {
			int shiftEnd = chance(0.5) ? Integer.MAX_VALUE : between(1800, 6 * 3600);
			vehicles.add(new Vehicle("courier-" + k, between(0, 40), shiftEnd));
		}
		return new SplitProblem(travel, demand, service, windows, vehicles, chance(0.5));
	}

	int[][] travel(int stops, boolean symmetric) {
		int size = stops + 1;
		int[] x = new int[size];
		int[] y = new int[size];
		for (int i = 1; i < size; i++) {
			x[i] = random.nextInt(10_000) - 5_000;
			y[i] = random.nextInt(10_000) - 5_000;
		}
		int[][] seconds = new int[size][size];
		for (int a = 0; a < size; a++) {
			for (int b = 0; b < size; b++) {
				double metres = Math.hypot(x[a] - x[b], y[a] - y[b]);
				double detour = symmetric || a == b ? 1 : 1 + random.nextDouble() * 0.5;
				seconds[a][b] = (int) Math.round(metres * detour / 10);
			}
		}
		return seconds;
	}

	/** Windows on a share of the stops, anywhere in the first four hours; some may be unreachable. */
	TimeWindow[] windows(int stops, double share) {
		TimeWindow[] windows = new TimeWindow[stops + 1];
		for (int i = 1; i <= stops; i++) {
			if (chance(share)) {
				int earliest = between(0, 4 * 3600);
				windows[i] = new TimeWindow(earliest, earliest + between(60, 3600));
			}
		}
		return windows;
	}

}
