package io.herald.routing.eta;

import java.util.List;

import org.junit.jupiter.api.Test;

import static io.herald.routing.eta.EtaFixtures.NOW;
import static io.herald.routing.eta.EtaFixtures.after;
import static io.herald.routing.eta.EtaFixtures.defaultModel;
import static io.herald.routing.eta.EtaFixtures.evenRoute;
import static io.herald.routing.eta.EtaFixtures.minutesAhead;
import static io.herald.routing.eta.EtaFixtures.unlimited;
import static io.herald.routing.eta.EtaFixtures.widthMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the model learns from the stops a courier has finished, and how the rest of the day's windows follow. */
class EtaLearningTests {

	private static final Leg LEG = new Leg(360, 180);

	private final EtaModel model = defaultModel();

	@Test
	void aConsistentlySlowCourierIsExpectedLaterWithTighterWindows() {
		PaceState slow = after(model, 8, 1.3, LEG);
		List<Leg> rest = evenRoute(12, 6, 3);

		List<EtaWindow> learned = new EtaModel(unlimited()).forecast(NOW, rest, slow);
		List<EtaWindow> fresh = new EtaModel(unlimited()).forecast(NOW, rest, PaceState.initial());

		assertThat(slow.travelFactor()).isBetween(1.15, 1.3);
		assertThat(slow.serviceFactor()).isBetween(1.15, 1.3);
		for (int k = 0; k < rest.size(); k++) {
			assertThat(learned.get(k).predicted()).isAfter(fresh.get(k).predicted());
			// relative to the time ahead: the slow courier's legs also vary by 30% more in seconds
			double learnedSpread = widthMinutes(learned.get(k)) / minutesAhead(learned.get(k).predicted());
			double freshSpread = widthMinutes(fresh.get(k)) / minutesAhead(fresh.get(k).predicted());
			assertThat(learnedSpread).isLessThan(freshSpread);
		}
		// further ahead, where the pace dominates, even in minutes
		assertThat(learned.get(11).width()).isLessThan(fresh.get(11).width());
	}

	@Test
	void aCourierOnPlanKeepsTheEtaAndGetsTighterWindows() {
		PaceState onPlan = after(model, 10, 1.0, LEG);
		List<Leg> rest = evenRoute(8, 6, 3);

		List<EtaWindow> learned = new EtaModel(unlimited()).forecast(NOW, rest, onPlan);
		List<EtaWindow> fresh = new EtaModel(unlimited()).forecast(NOW, rest, PaceState.initial());

		assertThat(onPlan.travelFactor()).isCloseTo(1.0, within(1e-9));
		assertThat(onPlan.travelUncertainty()).isLessThan(0.5);
		for (int k = 0; k < rest.size(); k++) {
			assertThat(learned.get(k).width()).isLessThan(fresh.get(k).width());
			assertThat(minutesAhead(learned.get(k).predicted()))
				.isCloseTo(minutesAhead(fresh.get(k).predicted()), within(1.0));
		}
	}

	@Test
	void eachObservationLeavesLessUncertainty() {
		PaceState pace = PaceState.initial();
		for (int i = 0; i < 10; i++) {
			PaceState next = model.observe(pace, 360, 400, 180, 170);
			assertThat(next.travelUncertainty()).isLessThan(pace.travelUncertainty());
			assertThat(next.serviceUncertainty()).isLessThan(pace.serviceUncertainty());
			assertThat(next.observations()).isEqualTo(pace.observations() + 1);
			pace = next;
		}
	}

	@Test
	void oneLongWaitAtADoorIsNotReadAsASlowCourier() {
		// 25 minutes at a stop planned for 3: a customer kept the courier waiting
		PaceState waited = model.observe(PaceState.initial(), 360, 360, 180, 1500);
		PaceState unclipped = new EtaModel(EtaSettings.defaults().withLearning(0.03, 1e9))
			.observe(PaceState.initial(), 360, 360, 180, 1500);

		assertThat(waited.serviceFactor()).isLessThan(unclipped.serviceFactor());
		assertThat(waited.serviceFactor()).isLessThan(1.5);
		assertThat(waited.travelFactor()).isEqualTo(1.0);
	}

	@Test
	void aShortLegTeachesLessThanALongOne() {
		PaceState afterShort = model.observe(PaceState.initial(), 30, 60, 0, 0);
		PaceState afterLong = model.observe(PaceState.initial(), 900, 1800, 0, 0);

		assertThat(afterShort.travelFactor() - 1).isLessThan((afterLong.travelFactor() - 1) / 5);
	}

	@Test
	void lateInTheDayThePaceStillFollowsAChange() {
		PaceState settled = after(model, 25, 1.0, LEG);
		PaceState slowedDown = settled;
		for (int i = 0; i < 5; i++) {
			slowedDown = model.observe(slowedDown, 360, 540, 180, 180);
		}
		PaceState withoutDrift = after(new EtaModel(EtaSettings.defaults().withLearning(0, 3)), 25, 1.0, LEG);
		EtaModel rigid = new EtaModel(EtaSettings.defaults().withLearning(0, 3));
		for (int i = 0; i < 5; i++) {
			withoutDrift = rigid.observe(withoutDrift, 360, 540, 180, 180);
		}

		assertThat(slowedDown.travelFactor()).isGreaterThan(1.15);
		assertThat(slowedDown.travelFactor() - 1).isGreaterThan(1.5 * (withoutDrift.travelFactor() - 1));
	}

	@Test
	void plannedTimesOfZeroTeachNothing() {
		PaceState pace = model.observe(PaceState.initial(), 0, 45, 0, 30);

		assertThat(pace.travelFactor()).isEqualTo(1.0);
		assertThat(pace.serviceFactor()).isEqualTo(1.0);
		assertThat(pace.travelUncertainty()).isEqualTo(1.0);
		assertThat(pace.observations()).isEqualTo(1);
	}

}
