package io.herald.routing.split;

import java.util.SplittableRandom;

/**
 * The search behind {@link SplitPlanner}, in two phases over one work budget (see {@link RuinAndRecreate#work}).
 *
 * <ol>
 * <li><b>Fewer vehicles.</b> From a greedy construction, take a route out of the best plan and run ruin-and-recreate
 * without opening routes until its stops are all back in, judging candidates only by which stops are still absent:
 * fewer absent stops, or absent stops that were absent less often so far (SISR's fleet minimisation, after Nagata and
 * Bräysy's penalty counters). Each success removes a vehicle; the phase ends at the capacity lower bound, at its share
 * of the budget, or when a route cannot be emptied in it.</li>
 * <li><b>Less travel.</b> Ruin-and-recreate with simulated annealing on travel, never accepting more absent stops or
 * more vehicles, the temperature falling geometrically with the work done.</li>
 * </ol>
 */
final class Search {

	private final Model model;

	private final SplittableRandom random;

	private final RuinAndRecreate step;

	private final Tuning tuning;

	private final long deadlineNanos;

	private final long[] absences;

	private long checks;

	static boolean DEBUG = false;
	long accepted, iterations;

	Search(Model model, long seed, Tuning tuning, long deadlineNanos) {
		this.model = model;
		this.random = new SplittableRandom(seed);
		this.step = new RuinAndRecreate(model, random);
		this.tuning = tuning;
		this.deadlineNanos = deadlineNanos;
		this.absences = new long[model.size];
	}

	long work() {
		return step.work;
	}

	Solution run(long workBudget) {
		Solution best = new Solution(model);
		step.recreate(best, model.vehicles, false);
		best.clearTouched();
		long fleetLimit = (long) (workBudget * tuning.fleetShare());
		if (DEBUG) System.err.printf("construct used=%d travel=%d work=%d%n", best.used, best.totalTravel, step.work);
		reduceFleet(best, fleetLimit);
		if (DEBUG) System.err.printf("fleet used=%d travel=%d work=%d%n", best.used, best.totalTravel, step.work);
		reduceTravel(best, workBudget);
		if (DEBUG) System.err.printf("travel used=%d travel=%d work=%d accepted=%d iterations=%d%n", best.used, best.totalTravel, step.work, accepted, iterations);
		return best;
	}

	private boolean outOfTime(long limit) {
		if (step.work >= limit) {
			return true;
		}
		return (++checks & 31) == 0 && System.nanoTime() - deadlineNanos > 0;
	}

	private void reduceFleet(Solution best, long limit) {
		if (best.absentCount > 0) {
			return;
		}
		Solution state = new Solution(model);
		Solution candidate = new Solution(model);
		while (best.used > model.vehicleLowerBound && !outOfTime(limit)) {
			state.copyFrom(best);
			state.clearRoute(routeToRemove(state));
			state.clearTouched();
			candidate.copyFrom(state);
			long stateAbsence = absenceOf(state);
			while (state.absentCount > 0 && !outOfTime(limit)) {
				step.ruin(candidate);
				step.recreate(candidate, state.used, true);
				long candidateAbsence = absenceOf(candidate);
				if (candidate.absentCount < state.absentCount
						|| candidate.absentCount == state.absentCount && candidateAbsence <= stateAbsence) {
					state.syncFrom(candidate);
				}
				else {
					candidate.syncFrom(state);
				}
				for (int i = 0; i < state.absentCount; i++) {
					absences[state.absent[i]]++;
				}
				stateAbsence = absenceOf(state);
				if (DEBUG && (++iterations % 20000) == 0) System.err.printf("  it=%d absent=%d sum=%d%n", iterations, state.absentCount, stateAbsence);
			}
			if (DEBUG) System.err.printf("fleet attempt used=%d absent=%d work=%d%n", state.used, state.absentCount, step.work);
			if (state.absentCount > 0) {
				return;
			}
			best.copyFrom(state);
		}
	}

	private long absenceOf(Solution solution) {
		long sum = 0;
		for (int i = 0; i < solution.absentCount; i++) {
			sum += absences[solution.absent[i]];
		}
		return sum;
	}

	/** A route with few stops: the shortest of a few drawn at random. */
	private int routeToRemove(Solution solution) {
		int chosen = -1;
		for (int draw = 0; draw < tuning.removalDraws(); draw++) {
			int k = randomUsed(solution);
			if (chosen < 0 || solution.length[k] < solution.length[chosen]) {
				chosen = k;
			}
		}
		return chosen;
	}

	private int randomUsed(Solution solution) {
		int pick = random.nextInt(solution.used);
		for (int k = 0; k < model.vehicles; k++) {
			if (solution.length[k] > 0 && pick-- == 0) {
				return k;
			}
		}
		throw new IllegalStateException("no route in use");
	}

	private void reduceTravel(Solution best, long limit) {
		Solution current = new Solution(model);
		Solution candidate = new Solution(model);
		current.copyFrom(best);
		candidate.copyFrom(current);
		double meanLeg = (double) best.totalTravel / Math.max(1, model.stops - best.absentCount + best.used);
		double hot = tuning.startTemperature() * meanLeg;
		double cold = tuning.endTemperature() * meanLeg;
		long start = step.work;
		double span = Math.max(1, limit - start);
		while (!outOfTime(limit)) {
			double temperature = hot * Math.pow(cold / hot, (step.work - start) / span);
			if (!step.ruin(candidate)) {
				return;
			}
			step.recreate(candidate, current.absentCount > 0 ? model.vehicles : current.used, true);
			int order = compareFleet(candidate, current);
			boolean accept = order < 0 || order == 0
					&& candidate.totalTravel < current.totalTravel - temperature * Math.log(random.nextDouble());
			iterations++;
			if (accept) {
				accepted++;
				current.syncFrom(candidate);
				if (compareFleet(current, best) < 0
						|| compareFleet(current, best) == 0 && current.totalTravel < best.totalTravel) {
					best.copyFrom(current);
				}
			}
			else {
				candidate.syncFrom(current);
			}
		}
	}

	/** Absent stops first, then vehicles used. */
	private static int compareFleet(Solution a, Solution b) {
		if (a.absentCount != b.absentCount) {
			return Integer.compare(a.absentCount, b.absentCount);
		}
		return Integer.compare(a.used, b.used);
	}

	/**
	 * Parameters measured on the Solomon instances (docs/benchmarks.md, solomon).
	 *
	 * @param fleetShare share of the work budget the fleet phase may use at most
	 * @param removalDraws routes drawn when choosing one to take out; the one with fewest stops is taken
	 * @param startTemperature annealing temperature at the start, in mean legs of the starting plan
	 * @param endTemperature annealing temperature at the end, in mean legs
	 */
	record Tuning(double fleetShare, int removalDraws, double startTemperature, double endTemperature) {

		static final Tuning DEFAULT = new Tuning(0.5, 2, 10, 0.1);

	}

}
