package io.herald.routing.sequence;

/**
 * The tests' own reading of a sequence, written apart from the sequencer's code: arrivals, travel and lateness
 * straight from the definitions in {@link SequenceProblem} and {@link SequenceResult}.
 */
record Schedule(int[] sequence, int[] arrivals, long travel, long lateness) {

	static Schedule of(SequenceProblem problem, int[] sequence) {
		int[][] travelSeconds = problem.travelSeconds();
		int[] arrivals = new int[sequence.length];
		long time = 0;
		long travel = 0;
		long lateness = 0;
		int at = 0;
		for (int i = 0; i < sequence.length; i++) {
			int stop = sequence[i];
			travel += travelSeconds[at][stop];
			long arrival = time + travelSeconds[at][stop];
			arrivals[i] = (int) arrival;
			TimeWindow window = problem.windows()[stop];
			if (window != null) {
				lateness += Math.max(0, arrival - window.latest());
				arrival = Math.max(arrival, window.earliest());
			}
			time = arrival + problem.serviceSeconds()[stop];
			at = stop;
		}
		if (problem.returnToStart()) {
			travel += travelSeconds[at][0];
		}
		return new Schedule(sequence, arrivals, travel, lateness);
	}

	/** Tries every order that starts with the fixed prefix; fewest broken promises, then least travel. */
	static Schedule bestByBruteForce(SequenceProblem problem) {
		int stops = problem.stopCount();
		int[] order = new int[stops];
		boolean[] used = new boolean[stops + 1];
		for (int i = 0; i < problem.fixedPrefix().length; i++) {
			order[i] = problem.fixedPrefix()[i];
			used[order[i]] = true;
		}
		return permute(problem, order, used, problem.fixedPrefix().length, null);
	}

	private static Schedule permute(SequenceProblem problem, int[] order, boolean[] used, int filled, Schedule best) {
		if (filled == order.length) {
			Schedule candidate = of(problem, order.clone());
			boolean better = best == null || candidate.lateness < best.lateness
					|| candidate.lateness == best.lateness && candidate.travel < best.travel;
			return better ? candidate : best;
		}
		for (int stop = 1; stop < used.length; stop++) {
			if (!used[stop]) {
				used[stop] = true;
				order[filled] = stop;
				best = permute(problem, order, used, filled + 1, best);
				used[stop] = false;
			}
		}
		return best;
	}

}
