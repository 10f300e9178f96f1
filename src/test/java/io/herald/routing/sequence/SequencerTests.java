package io.herald.routing.sequence;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequencerTests {

	final Sequencer sequencer = new Sequencer(SequencerSettings.iterationLimit(500, 42));

	/** Stops on a line east of the start, one second per metre: stop i is i * 100 m out. */
	static int[][] line(int stops) {
		int[][] travel = new int[stops + 1][stops + 1];
		for (int a = 0; a <= stops; a++) {
			for (int b = 0; b <= stops; b++) {
				travel[a][b] = Math.abs(a - b) * 100;
			}
		}
		return travel;
	}

	static SequenceProblem problem(int[][] travel, TimeWindow[] windows, boolean returnToStart, int... prefix) {
		return new SequenceProblem(travel, new int[travel.length], windows, returnToStart, prefix);
	}

	@Test
	void routeWithoutStopsIsEmpty() {
		SequenceResult result = sequencer.solve(SequenceProblem.travelOnly(new int[][] { { 0 } }, false));

		assertThat(result.sequence()).isEmpty();
		assertThat(result.travelSeconds()).isZero();
	}

	@Test
	void openRouteDoesNotCountTheWayBack() {
		SequenceResult open = sequencer.solve(SequenceProblem.travelOnly(line(12), false));
		SequenceResult closed = sequencer.solve(SequenceProblem.travelOnly(line(12), true));

		assertThat(open.sequence()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
		assertThat(open.travelSeconds()).isEqualTo(1200);
		assertThat(closed.travelSeconds()).isEqualTo(2400);
	}

	@Test
	void customersAlreadyToldTheyAreNextKeepTheirPlace() {
		SequenceResult result = sequencer.solve(problem(line(12), new TimeWindow[13], false, 9, 3));

		assertThat(result.sequence()).startsWith(9, 3);
		// out to 9, back to 3, on down to 1, then out to 12
		assertThat(result.travelSeconds()).isEqualTo(900 + 600 + 200 + 1100);
	}

	@Test
	void aPromiseComesBeforeAShorterRoute() {
		TimeWindow[] windows = new TimeWindow[13];
		windows[12] = new TimeWindow(0, 1200);
		int[] service = new int[13];
		Arrays.fill(service, 60);

		// serving any stop on the way out would make the far one late
		SequenceResult result = sequencer.solve(new SequenceProblem(line(12), service, windows, false, new int[0]));

		assertThat(result.sequence()[0]).isEqualTo(12);
		assertThat(result.latenessSeconds()).isZero();
		assertThat(result.travelSeconds()).isEqualTo(1200 + 1100);
	}

	@Test
	void waitsForAWindowToOpenAndReportsTheArrivalBeforeWaiting() {
		TimeWindow[] windows = new TimeWindow[3];
		windows[1] = new TimeWindow(1000, 2000);
		int[] service = { 0, 60, 60 };

		SequenceResult result = sequencer.solve(new SequenceProblem(line(2), service, windows, false, new int[0]));

		assertThat(result.sequence()).containsExactly(1, 2);
		assertThat(result.arrivalSeconds()).containsExactly(100, 1000 + 60 + 100);
	}

	@Test
	void reportsTheLatenessNoOrderAvoids() {
		TimeWindow[] windows = new TimeWindow[3];
		windows[1] = new TimeWindow(0, 50);
		windows[2] = new TimeWindow(0, 150);

		SequenceResult result = sequencer.solve(problem(line(2), windows, false));

		assertThat(result.sequence()).containsExactly(1, 2);
		assertThat(result.latenessSeconds()).isEqualTo(50 + 50);
	}

	@Test
	void oneWayTravelTimesCountInTheirDirection() {
		// a ring road driven one way: going 1 -> 2 -> ... is cheap, against the flow is dear
		int stops = 20;
		int[][] travel = new int[stops + 1][stops + 1];
		for (int a = 0; a <= stops; a++) {
			for (int b = 0; b <= stops; b++) {
				int ahead = Math.floorMod(b - a, stops + 1);
				travel[a][b] = a == b ? 0 : ahead * 10 + (ahead == 1 ? 0 : 1000);
			}
		}

		SequenceResult result = sequencer.solve(SequenceProblem.travelOnly(travel, true));

		assertThat(result.travelSeconds()).isEqualTo(10L * (stops + 1));
	}

	@Test
	void startingFromAGivenSequenceNeverEndsWorse() {
		SequenceProblem problem = new RandomProblems(7).anyProblem();
		int[] start = new RandomProblems(8).shuffledStops(problem.stopCount());
		SequenceProblem free = new SequenceProblem(problem.travelSeconds(), problem.serviceSeconds(),
				problem.windows(), problem.returnToStart(), new int[0]);

		SequenceResult result = new Sequencer(SequencerSettings.iterationLimit(0, 1)).solve(free, start);

		Schedule given = Schedule.of(free, start);
		assertThat(new Cost(result.latenessSeconds(), result.travelSeconds()))
			.isLessThanOrEqualTo(new Cost(given.lateness(), given.travel()));
	}

	@Test
	void aRunStoppedByTheBudgetIsReproducedByItsIterationCount() {
		SequenceProblem problem = SequenceProblem.travelOnly(new RandomProblems(3).travel(150, true), true);

		SequenceResult timed = new Sequencer(SequencerSettings.timeBudget(Duration.ofMillis(200), 5)).solve(problem);
		SequenceResult counted = new Sequencer(SequencerSettings.iterationLimit(timed.iterations(), 5)).solve(problem);

		assertThat(timed.iterations()).isPositive();
		assertThat(counted.sequence()).containsExactly(timed.sequence());
		assertThat(counted.travelSeconds()).isEqualTo(timed.travelSeconds());
	}

	@Test
	void differentSeedsMayFindDifferentToursButEachIsRepeatable() {
		SequenceProblem problem = SequenceProblem.travelOnly(new RandomProblems(4).travel(120, true), false);

		for (long seed = 0; seed < 3; seed++) {
			SequencerSettings settings = SequencerSettings.iterationLimit(300, seed);
			assertThat(new Sequencer(settings).solve(problem).sequence())
				.containsExactly(new Sequencer(settings).solve(problem).sequence());
		}
	}

	@Test
	void refusesMalformedProblems() {
		assertThatThrownBy(() -> SequenceProblem.travelOnly(new int[][] { { 0, 1 }, { 1 } }, false))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("square");
		assertThatThrownBy(() -> problem(line(3), new TimeWindow[4], false, 2, 2))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("fixedPrefix");
		assertThatThrownBy(() -> new TimeWindow(10, 5)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> sequencer.solve(SequenceProblem.travelOnly(line(3), false), new int[] { 1, 1, 2 }))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
