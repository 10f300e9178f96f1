package io.herald.routing.split;

import java.util.SplittableRandom;

/**
 * The search behind {@link SplitPlanner}: ruin and recreate ({@link RuinAndRecreate}) in two phases over one work
 * budget, after a greedy construction (cheapest insertion, a new route only for a stop that fits nowhere).
 *
 * <ol>
 * <li><b>Fewer vehicles</b> (at most {@link Tuning#fleetShare} of the budget). Take a route out of the best plan, so
 * that its stops are absent, and ruin and recreate without opening routes until every stop is back in. Candidates are
 * judged only by the stops still absent: fewer of them, or as many whose absence counters (incremented for every stop
 * absent after each step) add up to no more. The counters steer the search to place the stops that are hard to place
 * (SISR's fleet minimisation, itself after Nagata and Bräysy's ejection penalties). The paper accepts any candidate
 * with a smaller sum, even with more absent stops; measured here that let whole routes vanish (a ruined route is not
 * reopened), so the count comes first. Each success saves a vehicle; the phase ends at the capacity lower bound, or
 * when a route cannot be emptied within the phase's share.</li>
 * <li><b>Less travel</b> (the rest). Simulated annealing on travel, never accepting more absent stops or more vehicles
 * (and always accepting fewer); the temperature falls geometrically with the work done, from
 * {@link Tuning#startTemperature} to {@link Tuning#endTemperature} mean legs.</li>
 * </ol>
 *
 * <p>In a mixed fleet, some steps hand a route to another vehicle instead (see {@link #swapVehicles}).
 */
final class Search {

	/** In a mixed fleet, one step in this many hands a route to another vehicle instead of ruin and recreate. */
	private static final int SWAP_ODDS = 10;

	private final Model model;

	private final SplittableRandom random;

	private final RuinAndRecreate step;

	private final Tuning tuning;

	private final long deadlineNanos;

	private final long[] absences;

	private long checks;

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
		reduceFleet(best, fleetLimit);
		reduceTravel(best, workBudget);
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
				if (model.heterogeneous && random.nextInt(SWAP_ODDS) == 0) {
					swapVehicles(candidate);
				}
				else {
					step.ruin(candidate);
					step.recreate(candidate, state.used, true);
				}
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
			}
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
		int legs = model.servableCount - best.absentCount + best.used;
		double meanLeg = Math.max(1, (double) best.totalTravel / Math.max(1, legs));
		double hot = tuning.startTemperature() * meanLeg;
		double cold = tuning.endTemperature() * meanLeg;
		long start = step.work;
		double span = Math.max(1, limit - start);
		while (!outOfTime(limit)) {
			double temperature = hot * Math.pow(cold / hot, (step.work - start) / span);
			if (candidate.used == 0) {
				return;
			}
			if (model.heterogeneous && random.nextInt(SWAP_ODDS) == 0) {
				swapVehicles(candidate);
			}
			else {
				step.ruin(candidate);
				step.recreate(candidate, current.absentCount > 0 ? model.vehicles : current.used, true);
			}
			int order = compareFleet(candidate, current);
			boolean accept = order < 0 || order == 0
					&& candidate.totalTravel < current.totalTravel - temperature * Math.log(random.nextDouble());
			if (accept) {
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

	/**
	 * With couriers of different capacities or shifts, which one drives a route matters: a route handed to a courier
	 * with a later shift end can later take stops that the first could not. The move keeps travel, so annealing always
	 * accepts it.
	 */
	private void swapVehicles(Solution solution) {
		int k = randomUsed(solution);
		int j = random.nextInt(model.vehicles);
		step.work += model.vehicles;
		if (j != k && solution.canSwap(k, j)) {
			solution.swap(k, j);
			step.work += solution.length[k] + solution.length[j] + 4;
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
