package io.herald.routing.split;

import java.util.Arrays;

import io.herald.routing.sequence.TimeWindow;

import static org.assertj.core.api.Assertions.assertThat;

/** Independent checks of a plan against its problem, written from the contract rather than from the planner. */
final class Plans {

	private Plans() {
	}

	/** Every promise of {@link SplitResult}: each stop once, capacities, windows, shift ends, reported travel. */
	static void assertValid(SplitProblem problem, SplitResult result) {
		int stops = problem.stopCount();
		assertThat(result.routes()).hasSameSizeAs(problem.vehicles());
		int[] seen = new int[stops + 1];
		long travel = 0;
		for (int k = 0; k < result.routes().size(); k++) {
			int[] route = result.routes().get(k);
			Vehicle vehicle = problem.vehicles().get(k);
			int load = 0;
			long time = 0;
			int at = 0;
			for (int stop : route) {
				assertThat(stop).isBetween(1, stops);
				seen[stop]++;
				load += problem.demand()[stop];
				long arrival = time + (at == 0 ? 0 : problem.serviceSeconds()[at]) + problem.travelSeconds()[at][stop];
				travel += problem.travelSeconds()[at][stop];
				TimeWindow window = problem.windows()[stop];
				if (window != null) {
					assertThat(arrival).as("arrival at stop %d of %s", stop, vehicle.id()).isLessThanOrEqualTo(
							window.latest());
					arrival = Math.max(arrival, window.earliest());
				}
				time = arrival;
				at = stop;
			}
			long finished = route.length == 0 ? 0 : time + problem.serviceSeconds()[at];
			if (problem.returnToDepot() && route.length > 0) {
				finished += problem.travelSeconds()[at][0];
				travel += problem.travelSeconds()[at][0];
			}
			assertThat(load).as("load of %s", vehicle.id()).isLessThanOrEqualTo(vehicle.capacity());
			if (vehicle.shiftEndSeconds() != Integer.MAX_VALUE) {
				assertThat(finished).as("end of %s's shift", vehicle.id()).isLessThanOrEqualTo(
						vehicle.shiftEndSeconds());
			}
		}
		for (int stop : result.unassigned()) {
			assertThat(stop).isBetween(1, stops);
			seen[stop]++;
		}
		int[] expected = new int[stops + 1];
		Arrays.fill(expected, 1, stops + 1, 1);
		assertThat(seen).as("times each stop is routed or listed unassigned").containsExactly(expected);
		assertThat(result.unassigned()).isSorted();
		assertThat(result.travelSeconds()).isEqualTo(travel);
		assertThat(result.latenessSeconds()).isZero();
	}

	/** Whether {@code vehicle} could serve {@code stop} as its only stop. */
	static boolean servesAlone(SplitProblem problem, Vehicle vehicle, int stop) {
		if (problem.demand()[stop] > vehicle.capacity()) {
			return false;
		}
		long arrival = problem.travelSeconds()[0][stop];
		TimeWindow window = problem.windows()[stop];
		if (window != null) {
			if (arrival > window.latest()) {
				return false;
			}
			arrival = Math.max(arrival, window.earliest());
		}
		long finished = arrival + problem.serviceSeconds()[stop]
				+ (problem.returnToDepot() ? problem.travelSeconds()[stop][0] : 0);
		return vehicle.shiftEndSeconds() == Integer.MAX_VALUE || finished <= vehicle.shiftEndSeconds();
	}

}
