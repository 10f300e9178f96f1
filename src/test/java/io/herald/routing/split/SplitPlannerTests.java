package io.herald.routing.split;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.herald.routing.sequence.TimeWindow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SplitPlannerTests {

	/** Stops on a line east of the depot, one minute apart. */
	static int[][] line(int stops) {
		int[][] travel = new int[stops + 1][stops + 1];
		for (int a = 0; a <= stops; a++) {
			for (int b = 0; b <= stops; b++) {
				travel[a][b] = 60 * Math.abs(a - b);
			}
		}
		return travel;
	}

	static SplitProblem problem(int[][] travel, int[] demand, TimeWindow[] windows, List<Vehicle> vehicles,
			boolean returnToDepot) {
		return new SplitProblem(travel, demand, new int[travel.length], windows, vehicles, returnToDepot);
	}

	static int[] demands(int stops, int each) {
		int[] demand = new int[stops + 1];
		Arrays.fill(demand, 1, stops + 1, each);
		return demand;
	}

	static SplitResult plan(SplitProblem problem) {
		return new SplitPlanner(Duration.ofMillis(50), 1).plan(problem);
	}

	@Test
	void oneCourierTakesEverythingWhenItCan() {
		SplitProblem problem = problem(line(8), demands(8, 1), new TimeWindow[9],
				List.of(Vehicle.withoutShiftEnd("a", 10), Vehicle.withoutShiftEnd("b", 10),
						Vehicle.withoutShiftEnd("c", 10)),
				true);

		SplitResult result = plan(problem);

		Plans.assertValid(problem, result);
		assertThat(result.vehiclesUsed()).isEqualTo(1);
		assertThat(result.travelSeconds()).isEqualTo(2 * 8 * 60);
		assertThat(result.unassigned()).isEmpty();
	}

	@Test
	void capacityDecidesHowManyCouriersGo() {
		SplitProblem problem = problem(line(6), demands(6, 5), new TimeWindow[7],
				List.of(Vehicle.withoutShiftEnd("a", 10), Vehicle.withoutShiftEnd("b", 10),
						Vehicle.withoutShiftEnd("c", 10), Vehicle.withoutShiftEnd("d", 10)),
				true);

		SplitResult result = plan(problem);

		Plans.assertValid(problem, result);
		assertThat(result.vehiclesUsed()).isEqualTo(3);
		// the best split takes neighbours together: (1,2), (3,4), (5,6)
		assertThat(result.travelSeconds()).isEqualTo(2 * 60 * (2 + 4 + 6));
	}

	@Test
	void aShiftEndSendsASecondCourier() {
		// 6 stops, 5 minutes of service each: 30 minutes of service alone, the shift ends after 25
		int[] service = new int[7];
		Arrays.fill(service, 1, 7, 300);
		SplitProblem problem = new SplitProblem(line(6), demands(6, 1), service, new TimeWindow[7],
				List.of(new Vehicle("a", 100, 1500), new Vehicle("b", 100, 1500)), false);

		SplitResult result = plan(problem);

		Plans.assertValid(problem, result);
		assertThat(result.vehiclesUsed()).isEqualTo(2);
		assertThat(result.unassigned()).isEmpty();
	}

	@Test
	void windowsOrderTheStopsAndAreKept() {
		// the far stop is promised first, the near one later: one courier can do both, far first
		TimeWindow[] windows = { null, new TimeWindow(1200, 1500), new TimeWindow(0, 400) };
		int[][] travel = { { 0, 60, 300 }, { 60, 0, 240 }, { 300, 240, 0 } };
		SplitProblem problem = problem(travel, demands(2, 1), windows,
				List.of(Vehicle.withoutShiftEnd("a", 5), Vehicle.withoutShiftEnd("b", 5)), true);

		SplitResult result = plan(problem);

		Plans.assertValid(problem, result);
		assertThat(result.vehiclesUsed()).isEqualTo(1);
		assertThat(result.routes().stream().filter(route -> route.length > 0).findFirst().orElseThrow())
			.containsExactly(2, 1);
	}

	@Test
	void stopsNoCourierCanTakeAreReportedNotDropped() {
		TimeWindow[] windows = new TimeWindow[5];
		windows[2] = new TimeWindow(0, 30); // 120 s away: cannot be reached in time
		int[] demand = { 0, 1, 1, 50, 1 }; // stop 3 is larger than any courier
		SplitProblem problem = problem(line(4), demand, windows,
				List.of(Vehicle.withoutShiftEnd("a", 10), Vehicle.withoutShiftEnd("b", 10)), true);

		SplitResult result = plan(problem);

		Plans.assertValid(problem, result);
		assertThat(result.unassigned()).containsExactly(2, 3);
		assertThat(result.vehiclesUsed()).isEqualTo(1);
	}

	@Test
	void stopsBeyondTheFleetAreReportedNotDropped() {
		// one courier of 10 items, 4 stops of 4 items: two stops fit, two are left for later
		SplitProblem problem = problem(line(4), demands(4, 4), new TimeWindow[5],
				List.of(Vehicle.withoutShiftEnd("a", 10)), true);

		SplitResult result = plan(problem);

		Plans.assertValid(problem, result);
		assertThat(result.routes().get(0)).hasSize(2);
		assertThat(result.unassigned()).hasSize(2);
	}

	@Test
	void anOpenRouteDoesNotCountTheWayBack() {
		SplitProblem problem = problem(line(5), demands(5, 1), new TimeWindow[6],
				List.of(Vehicle.withoutShiftEnd("a", 10)), false);

		SplitResult result = plan(problem);

		Plans.assertValid(problem, result);
		assertThat(result.routes().get(0)).containsExactly(1, 2, 3, 4, 5);
		assertThat(result.travelSeconds()).isEqualTo(5 * 60);
	}

	@Test
	void theLargerCourierGoesWhenOneIsEnough() {
		SplitProblem problem = problem(line(4), demands(4, 3), new TimeWindow[5],
				List.of(Vehicle.withoutShiftEnd("bike", 6), Vehicle.withoutShiftEnd("van", 20)), true);

		SplitResult result = plan(problem);

		Plans.assertValid(problem, result);
		assertThat(result.routes().get(0)).isEmpty();
		assertThat(result.routes().get(1)).hasSize(4);
	}

	@Test
	void handlesNoStopsAndNoCouriers() {
		SplitProblem empty = problem(line(0), new int[1], new TimeWindow[1], List.of(Vehicle.withoutShiftEnd("a", 5)),
				true);
		SplitResult nothing = plan(empty);
		assertThat(nothing.routes()).hasSize(1);
		assertThat(nothing.routes().get(0)).isEmpty();
		assertThat(nothing.unassigned()).isEmpty();
		assertThat(nothing.travelSeconds()).isZero();

		SplitProblem noFleet = problem(line(3), demands(3, 1), new TimeWindow[4], List.of(), true);
		SplitResult unplanned = plan(noFleet);
		assertThat(unplanned.routes()).isEmpty();
		assertThat(unplanned.unassigned()).containsExactly(1, 2, 3);
	}

	@Test
	void aZeroBudgetStillGivesAValidPlan() {
		SplitProblem problem = new RandomSplitProblems(7).anyProblem();

		Plans.assertValid(problem, new SplitPlanner(Duration.ZERO, 1).plan(problem));
	}

	@Test
	void rejectsMalformedProblems() {
		List<Vehicle> one = List.of(Vehicle.withoutShiftEnd("a", 5));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SplitProblem(new int[0][0], new int[0], new int[0], new TimeWindow[0], one, true));
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitProblem(new int[][] { { 0, 1 }, { 1 } },
				new int[2], new int[2], new TimeWindow[2], one, true));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new SplitProblem(line(2), new int[2], new int[3], new TimeWindow[3], one, true));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new SplitProblem(line(2), new int[] { 0, -1, 1 }, new int[3], new TimeWindow[3], one, true));
		assertThatIllegalArgumentException().isThrownBy(() -> new Vehicle("a", -1, 100));
		assertThatIllegalArgumentException().isThrownBy(() -> new SplitPlanner(Duration.ofMillis(-1), 1));
	}

}
