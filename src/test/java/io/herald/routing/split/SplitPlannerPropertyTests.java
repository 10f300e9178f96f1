package io.herald.routing.split;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's invariants on generated problems. Each case is generated from the seed in its name, so a failure is
 * reproduced by running that seed again. The planner runs on a step budget without a clock, so every run here is
 * reproducible on any machine.
 */
class SplitPlannerPropertyTests {

	/** About 2 ms of search. */
	static final long WORK = 300_000;

	static LongStream seeds() {
		return LongStream.range(0, 300);
	}

	static LongStream fewerSeeds() {
		return LongStream.range(0, 120);
	}

	static SplitResult plan(SplitProblem problem, long seed) {
		return new SplitPlanner(WORK, 0, seed, Search.Tuning.DEFAULT).plan(problem);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void keepsCapacitiesWindowsAndShiftsAndAccountsForEveryStop(long seed) {
		SplitProblem problem = new RandomSplitProblems(seed).anyProblem();

		Plans.assertValid(problem, plan(problem, seed));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void leavesAStopOutOnlyIfNoFreeCourierCouldTakeIt(long seed) {
		SplitProblem problem = new RandomSplitProblems(seed).anyProblem();
		SplitResult result = plan(problem, seed);

		for (int stop : result.unassigned()) {
			for (int k = 0; k < problem.vehicles().size(); k++) {
				if (Plans.servesAlone(problem, problem.vehicles().get(k), stop)) {
					assertThat(result.routes().get(k)).as("route of the courier who could take stop %d", stop)
						.isNotEmpty();
				}
			}
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("fewerSeeds")
	void findsTheBestPlanOfTinyProblems(long seed) {
		SplitProblem problem = tinyProblem(new RandomSplitProblems(seed));
		SplitResult result = plan(problem, seed);

		long[] best = BruteForce.best(problem);
		assertThat(new long[] { result.unassigned().length, result.vehiclesUsed(), result.travelSeconds() })
			.as("unassigned, vehicles, travel").containsExactly(best);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("fewerSeeds")
	void givesTheSamePlanForTheSameSeed(long seed) {
		SplitProblem problem = new RandomSplitProblems(seed).anyProblem();
		SplitResult first = plan(problem, seed);
		SplitResult second = plan(problem, seed);

		assertThat(second.routes()).containsExactlyElementsOf(first.routes());
		assertThat(second.unassigned()).containsExactly(first.unassigned());
	}

	/** Up to 6 stops and 3 couriers: small enough to try every plan. */
	static SplitProblem tinyProblem(RandomSplitProblems random) {
		int stops = random.between(1, 6);
		int[] demand = new int[stops + 1];
		int[] service = new int[stops + 1];
		for (int i = 1; i <= stops; i++) {
			demand[i] = random.between(1, 5);
			service[i] = random.between(30, 300);
		}
		List<Vehicle> vehicles = new ArrayList<>();
		int count = random.between(1, 3);
		for (int k = 0; k < count; k++) {
			int shiftEnd = random.chance(0.5) ? Integer.MAX_VALUE : random.between(1800, 4 * 3600);
			vehicles.add(new Vehicle("courier-" + k, random.between(4, 12), shiftEnd));
		}
		return new SplitProblem(random.travel(stops, random.chance(0.5)), demand, service,
				random.windows(stops, 0.6), vehicles, random.chance(0.5));
	}

}
