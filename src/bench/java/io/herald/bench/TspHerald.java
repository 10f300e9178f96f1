package io.herald.bench;

import java.time.Duration;

import io.herald.routing.sequence.SequenceProblem;
import io.herald.routing.sequence.SequenceResult;
import io.herald.routing.sequence.Sequencer;
import io.herald.routing.sequence.SequencerSettings;
import io.herald.routing.sequence.TsplibInstance;

/** Herald's own sequencer on a closed tour from node 1, stopped by the budget alone. */
final class TspHerald implements TspSolver {

	private int lastIterations;

	@Override
	public String name() {
		return "herald";
	}

	@Override
	public int[] solve(TsplibInstance instance, int[][] distances, Duration budget, long seed) {
		SequenceResult result = new Sequencer(SequencerSettings.timeBudget(budget, seed))
			.solve(SequenceProblem.travelOnly(distances, true));
		lastIterations = result.iterations();
		int[] tour = new int[distances.length];
		System.arraycopy(result.sequence(), 0, tour, 1, result.sequence().length);
		return tour;
	}

	/** Iterations of the last solve: with the same seed, an iteration limit of this many reproduces its tour. */
	int lastIterations() {
		return lastIterations;
	}

}
