package io.herald.routing.eta;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.herald.routing.eta.EtaFixtures.NOW;
import static io.herald.routing.eta.EtaFixtures.evenRoute;
import static io.herald.routing.eta.EtaFixtures.unlimited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** The knobs of the model and the values they refuse. */
class EtaSettingsTests {

	private static final List<Leg> ROUTE = evenRoute(10, 6, 3);

	@Test
	void defaultsAimAtNinetyPercentInThirtyMinutesWithinTheHour() {
		EtaSettings defaults = EtaSettings.defaults();

		assertThat(defaults.confidence()).isEqualTo(0.90);
		assertThat(defaults.maxWidth()).isEqualTo(Duration.ofMinutes(30));
		assertThat(defaults.horizon()).isEqualTo(Duration.ofHours(1));
		assertThat(defaults.minWidth()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void higherConfidenceGivesWiderWindows() {
		List<EtaWindow> ninety = new EtaModel(unlimited()).forecast(NOW, ROUTE, PaceState.initial());
		List<EtaWindow> ninetyNine = new EtaModel(unlimited().withConfidence(0.99))
			.forecast(NOW, ROUTE, PaceState.initial());

		for (int k = 0; k < ROUTE.size(); k++) {
			// 2.576 / 1.645 = 1.57 for a normal; a log-normal's late end stretches further
			double ratio = (double) ninetyNine.get(k).width().toSeconds() / ninety.get(k).width().toSeconds();
			assertThat(ratio).isBetween(1.55, 1.8);
		}
	}

	@Test
	void theWidestAndNarrowestWindowsAreConfigurable() {
		EtaSettings narrow = EtaSettings.defaults().withWidths(Duration.ofMinutes(15), Duration.ofMinutes(20));

		List<EtaWindow> windows = new EtaModel(narrow).forecast(NOW, ROUTE, PaceState.initial());

		assertThat(windows.get(0).width()).isEqualTo(Duration.ofMinutes(15));
		for (EtaWindow window : windows) {
			assertThat(window.width()).isGreaterThanOrEqualTo(Duration.ofMinutes(15));
			if (EtaFixtures.minutesAhead(window.predicted()) <= 60) {
				assertThat(window.width()).isLessThanOrEqualTo(Duration.ofMinutes(20));
			}
		}
	}

	@Test
	void refusesSettingsThatCannotHold() {
		EtaSettings d = EtaSettings.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> d.withConfidence(1.0));
		assertThatIllegalArgumentException().isThrownBy(() -> d.withConfidence(0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> d.withWidths(Duration.ofMinutes(40), Duration.ofMinutes(30)));
		assertThatIllegalArgumentException().isThrownBy(() -> d.withPrior(-0.1, 0.3, 0.2, 0.6));
		assertThatIllegalArgumentException().isThrownBy(() -> d.withLearning(Double.NaN, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> d.withLearning(0.03, 0));
	}

	@Test
	void refusesImpossibleInputs() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Leg(-1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new PaceState(0, 1, 1, 1, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EtaWindow(NOW, NOW.plusSeconds(60), NOW.plusSeconds(120)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EtaModel(EtaSettings.defaults()).observe(PaceState.initial(), 60, -5, 60, 60));
	}

	@Test
	void normalQuantilesMatchTheTables() {
		assertThat(Normal.quantile(0.5)).isCloseTo(0, within(1e-9));
		assertThat(Normal.quantile(0.95)).isCloseTo(1.6448536, within(1e-6));
		assertThat(Normal.quantile(0.995)).isCloseTo(2.5758293, within(1e-6));
		assertThat(Normal.quantile(0.01)).isCloseTo(-2.3263479, within(1e-6));
	}

	@Test
	void aWindowKnowsWhatItContains() {
		EtaWindow window = new EtaWindow(NOW.plusSeconds(600), NOW.plusSeconds(300), NOW.plusSeconds(1200));
		assertThat(window.contains(NOW.plusSeconds(300))).isTrue();
		assertThat(window.contains(NOW.plusSeconds(1200))).isTrue();
		assertThat(window.contains(Instant.from(NOW.plusSeconds(1201)))).isFalse();
		assertThat(window.width()).isEqualTo(Duration.ofMinutes(15));
	}

}
