package io.herald.routing.eta;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static io.herald.routing.eta.EtaFixtures.NOW;
import static io.herald.routing.eta.EtaFixtures.defaultModel;
import static io.herald.routing.eta.EtaFixtures.evenRoute;
import static io.herald.routing.eta.EtaFixtures.minutesAhead;
import static io.herald.routing.eta.EtaFixtures.unlimited;
import static io.herald.routing.eta.EtaFixtures.widthMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The shape of a forecast: where windows lie, how wide they are, and the limits they keep. */
class EtaModelTests {

	@Test
	void predictsThePlanForAFreshCourierAndCoversItWithTheWindow() {
		List<EtaWindow> windows = defaultModel().forecast(NOW, evenRoute(3, 10, 2), PaceState.initial());

		assertThat(windows).hasSize(3);
		// planned arrivals at 10, 22 and 34 minutes; the median lies a little before the mean of a late-leaning spread
		double[] planned = { 10, 22, 34 };
		for (int k = 0; k < 3; k++) {
			assertThat(minutesAhead(windows.get(k).predicted())).isBetween(planned[k] * 0.9, planned[k]);
			assertThat(windows.get(k).contains(NOW.plusSeconds((long) (planned[k] * 60)))).isTrue();
		}
	}

	@Test
	void windowsWidenWithEachStopAhead() {
		List<EtaWindow> windows = new EtaModel(unlimited()).forecast(NOW, evenRoute(12, 6, 3), PaceState.initial());

		for (int k = 1; k < windows.size(); k++) {
			assertThat(windows.get(k).width()).isGreaterThan(windows.get(k - 1).width());
		}
	}

	@Test
	void windowsWidenWithTheTravelTimeAhead() {
		EtaModel model = new EtaModel(unlimited());

		EtaWindow near = model.forecast(NOW, List.of(new Leg(600, 120)), PaceState.initial()).get(0);
		EtaWindow far = model.forecast(NOW, List.of(new Leg(2400, 120)), PaceState.initial()).get(0);

		assertThat(far.width()).isGreaterThan(near.width().multipliedBy(2));
	}

	@Test
	void sharedPaceMakesFarWindowsWiderThanIndependentLegNoiseWould() {
		// with the same variance per leg, noise shared by all legs adds up linearly, independent noise as a square root
		EtaSettings shared = unlimited().withPrior(0.3, 0, 0.3, 0);
		EtaSettings independent = unlimited().withPrior(0, 0.3, 0, 0.3);
		List<Leg> route = evenRoute(10, 6, 3);

		EtaWindow first = new EtaModel(shared).forecast(NOW, route, PaceState.initial()).get(0);
		EtaWindow firstIndependent = new EtaModel(independent).forecast(NOW, route, PaceState.initial()).get(0);
		EtaWindow last = new EtaModel(shared).forecast(NOW, route, PaceState.initial()).get(9);
		EtaWindow lastIndependent = new EtaModel(independent).forecast(NOW, route, PaceState.initial()).get(9);

		assertThat(widthMinutes(first)).isCloseTo(widthMinutes(firstIndependent), within(1.0));
		assertThat(widthMinutes(last)).isGreaterThan(2 * widthMinutes(lastIndependent));
	}

	@Test
	void windowsWithinTheHourAreAtMostThirtyMinutesAndAtLeastTen() {
		List<EtaWindow> windows = defaultModel().forecast(NOW, evenRoute(30, 8, 4), PaceState.initial());

		for (EtaWindow window : windows) {
			assertThat(window.width()).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
			if (minutesAhead(window.predicted()) <= 60) {
				assertThat(window.width()).isLessThanOrEqualTo(Duration.ofMinutes(30));
			}
			else {
				// beyond the hour the limit grows with the time ahead: 30 minutes per hour
				assertThat(widthMinutes(window)).isLessThanOrEqualTo(30 * minutesAhead(window.predicted()) / 60 + 0.1);
			}
		}
		assertThat(windows.get(29).width()).isGreaterThan(Duration.ofMinutes(30));
	}

	@Test
	void noWindowOpensBeforeNow() {
		List<EtaWindow> windows = defaultModel().forecast(NOW, List.of(new Leg(60, 0), new Leg(0, 0)),
				PaceState.initial());

		assertThat(windows).allSatisfy(window -> assertThat(window.earliest()).isAfterOrEqualTo(NOW));
		assertThat(windows.get(0).width()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void forecastsAreMonotoneInStopOrderWhateverTheRouteAndPace() {
		Random random = new Random(3);
		for (int trial = 0; trial < 2000; trial++) {
			List<Leg> route = new ArrayList<>();
			int stops = 1 + random.nextInt(40);
			for (int k = 0; k < stops; k++) {
				// zero-length legs, same-building stops and long depot legs in any order
				int travel = random.nextInt(5) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 120 : 3600);
				route.add(new Leg(travel, random.nextInt(4) == 0 ? 0 : random.nextInt(900)));
			}
			PaceState pace = new PaceState(0.3 + 2 * random.nextDouble(), random.nextDouble(),
					0.3 + 2 * random.nextDouble(), random.nextDouble(), random.nextInt(30));
			EtaSettings settings = EtaSettings.defaults().withConfidence(0.5 + 0.49 * random.nextDouble());

			List<EtaWindow> windows = new EtaModel(settings).forecast(NOW, route, pace);

			assertThat(windows).hasSize(stops);
			Instant predicted = NOW, earliest = NOW, latest = NOW;
			for (EtaWindow window : windows) {
				assertThat(window.predicted()).isAfterOrEqualTo(predicted);
				assertThat(window.earliest()).isAfterOrEqualTo(earliest);
				assertThat(window.latest()).isAfterOrEqualTo(latest);
				predicted = window.predicted();
				earliest = window.earliest();
				latest = window.latest();
			}
		}
	}

	@Test
	void anEmptyRouteHasNoWindows() {
		assertThat(defaultModel().forecast(NOW, List.of(), PaceState.initial())).isEmpty();
	}

}
