package io.herald.routing.sequence;

import java.util.Arrays;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequencer's invariants on generated problems. Each case is generated from the seed in its name, so a failure
 * is reproduced by running that seed again.
 */
class SequencerPropertyTests {

	static LongStream seeds() {
		return LongStream.range(0, 150);
	}

	static SequenceResult solve(SequenceProblem problem, long seed) {
		return new Sequencer(SequencerSettings.iterationLimit(100, seed)).solve(problem);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void visitsEveryStopOnceStartingWithTheFixedPrefix(long seed) {
		SequenceProblem problem = new RandomProblems(seed).anyProblem();
		int[] sequence = solve(problem, seed).sequence();

		int[] sorted = sequence.clone();
		Arrays.sort(sorted);
		assertThat(sorted).containsExactly(LongStream.rangeClosed(1, problem.stopCount()).mapToInt(i -> (int) i)
			.toArray());
		assertThat(Arrays.copyOf(sequence, problem.fixedPrefix().length)).containsExactly(problem.fixedPrefix());
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void reportsTheScheduleOfItsSequence(long seed) {
		SequenceProblem problem = new RandomProblems(seed).anyProblem();
		SequenceResult result = solve(problem, seed);

		Schedule schedule = Schedule.of(problem, result.sequence());
		assertThat(result.arrivalSeconds()).containsExactly(schedule.arrivals());
		assertThat(result.travelSeconds()).isEqualTo(schedule.travel());
		assertThat(result.latenessSeconds()).isEqualTo(schedule.lateness());
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void isNeverWorseThanItsConstruction(long seed) {
		SequenceProblem problem = new RandomProblems(seed).anyProblem();
		SequenceResult result = solve(problem, seed);

		Instance instance = Instance.of(problem);
		Cost constructed = instance.cost(Construction.initial(instance));
		assertThat(new Cost(result.latenessSeconds(), result.travelSeconds())).isLessThanOrEqualTo(constructed);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void findsTheBestOrderOfShortRoutes(long seed) {
		RandomProblems random = new RandomProblems(seed);
		int stops = random.between(1, 7);
		SequenceProblem problem = new SequenceProblem(random.travel(stops, random.chance(0.5)), random.service(stops),
				random.windows(stops, 0.8), random.chance(0.3), random.prefix(stops, random.between(0, 1)));
		SequenceResult result = solve(problem, seed);

		Schedule best = Schedule.bestByBruteForce(problem);
		assertThat(result.latenessSeconds()).isEqualTo(best.lateness());
		assertThat(result.travelSeconds()).isEqualTo(best.travel());
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void keepsEveryPromiseWhenSomeOrderCan(long seed) {
		RandomProblems random = new RandomProblems(seed);
		int stops = random.between(ExactSearch.LIMIT + 1, 20);
		SequenceProblem plain = new SequenceProblem(random.travel(stops, random.chance(0.5)), random.service(stops),
				new TimeWindow[stops + 1], random.chance(0.3), new int[0]);
		int[] hidden = random.shuffledStops(stops);
		TimeWindow[] windows = random.plantedWindows(plain, hidden, random.between(0, 900));
		SequenceProblem problem = new SequenceProblem(plain.travelSeconds(), plain.serviceSeconds(), windows,
				plain.returnToStart(), new int[0]);

		// windows around a random order are hard (the tour they force is long), so the search gets more iterations
		SequenceResult result = new Sequencer(SequencerSettings.iterationLimit(300, seed)).solve(problem);
		assertThat(result.latenessSeconds()).isZero();
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void sameSeedAndIterationLimitGiveTheSameResult(long seed) {
		SequenceProblem problem = new RandomProblems(seed).anyProblem();

		SequenceResult first = solve(problem, seed);
		SequenceResult second = solve(problem, seed);
		assertThat(second.sequence()).containsExactly(first.sequence());
		assertThat(second.iterations()).isEqualTo(first.iterations());
	}

}
