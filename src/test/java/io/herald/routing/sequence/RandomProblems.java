package io.herald.routing.sequence;

import java.util.SplittableRandom;

/**
 * Seeded generator of sequencing problems for the property tests: a failing case is reproduced from the seed in the
 * test's name. Stops lie on a 10 km square; travel is straight-line at 10 m/s, optionally made one-way by a random
 * detour per direction.
 */
final class RandomProblems {

	private final SplittableRandom random;

	RandomProblems(long seed) {
		this.random = new SplittableRandom(seed);
	}

	int between(int low, int high) {
		return low + random.nextInt(high - low + 1);
	}

	boolean chance(double probability) {
		return random.nextDouble() < probability;
	}

	int[][] travel(int stops, boolean symmetric) {
		int size = stops + 1;
		int[] x = new int[size];
		int[] y = new int[size];
		for (int i = 0; i < size; i++) {
			x[i] = random.nextInt(10_000);
			y[i] = random.nextInt(10_000);
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

	int[] prefix(int stops, int length) {
		int[] shuffled = shuffledStops(stops);
		int[] prefix = new int[length];
		System.arraycopy(shuffled, 0, prefix, 0, length);
		return prefix;
	}

	int[] shuffledStops(int stops) {
		int[] order = new int[stops];
		for (int i = 0; i < stops; i++) {
			order[i] = i + 1;
		}
		for (int i = stops - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = order[i];
			order[i] = order[j];
			order[j] = swap;
		}
		return order;
	}

	int[] service(int stops) {
		int[] service = new int[stops + 1];
		for (int i = 1; i <= stops; i++) {
			service[i] = between(30, 300);
		}
		return service;
	}

	/** Windows on some stops, anywhere in the first two hours: they may or may not all be keepable. */
	TimeWindow[] windows(int stops, double share) {
		TimeWindow[] windows = new TimeWindow[stops + 1];
		for (int i = 1; i <= stops; i++) {
			if (chance(share)) {
				int earliest = between(0, 5400);
				windows[i] = new TimeWindow(earliest, earliest + between(300, 3600));
			}
		}
		return windows;
	}

	/**
	 * Windows that a hidden order keeps: each stop's window contains the arrival the hidden order gives it (after
	 * waiting for the windows before it), so a route with zero lateness exists.
	 */
	TimeWindow[] plantedWindows(SequenceProblem withoutWindows, int[] hiddenOrder, int slack) {
		TimeWindow[] windows = new TimeWindow[hiddenOrder.length + 1];
		long time = 0;
		int at = 0;
		for (int stop : hiddenOrder) {
			long arrival = time + withoutWindows.travelSeconds()[at][stop];
			int earliest = (int) Math.max(0, arrival - between(0, slack));
			windows[stop] = new TimeWindow(earliest, (int) arrival + between(0, slack));
			time = Math.max(arrival, earliest) + withoutWindows.serviceSeconds()[stop];
			at = stop;
		}
		return windows;
	}

	/** Any mix: sizes 0..60, open or closed, symmetric or not, with or without windows and a fixed prefix. */
	SequenceProblem anyProblem() {
		int stops = between(0, 60);
		int[][] travel = travel(stops, chance(0.5));
		int[] prefix = prefix(stops, stops == 0 ? 0 : between(0, Math.min(stops, 4)));
		TimeWindow[] windows = chance(0.5) ? windows(stops, 0.5) : new TimeWindow[stops + 1];
		return new SequenceProblem(travel, service(stops), windows, chance(0.3), prefix);
	}

}
