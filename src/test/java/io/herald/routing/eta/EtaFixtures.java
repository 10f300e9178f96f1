package io.herald.routing.eta;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Routes and models for the ETA tests. */
final class EtaFixtures {

	static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	private EtaFixtures() {
	}

	/** {@code stops} stops, each {@code travelMinutes} away from the one before with {@code serviceMinutes} there. */
	static List<Leg> evenRoute(int stops, int travelMinutes, int serviceMinutes) {
		return new ArrayList<>(Collections.nCopies(stops, new Leg(travelMinutes * 60, serviceMinutes * 60)));
	}

	static EtaModel defaultModel() {
		return new EtaModel(EtaSettings.defaults());
	}

	/** Windows only as wide as the uncertainty asks, to see it without the limits. */
	static EtaSettings unlimited() {
		return EtaSettings.defaults().withWidths(Duration.ZERO, Duration.ofHours(24));
	}

	static double minutesAhead(Instant instant) {
		return Duration.between(NOW, instant).toSeconds() / 60.0;
	}

	static double widthMinutes(EtaWindow window) {
		return window.width().toSeconds() / 60.0;
	}

	/** The pace learned from {@code stops} finished stops, each taking {@code factor} times its plan. */
	static PaceState after(EtaModel model, int stops, double factor, Leg leg) {
		PaceState pace = PaceState.initial();
		for (int i = 0; i < stops; i++) {
			pace = model.observe(pace, leg.travelSeconds(), (int) Math.round(leg.travelSeconds() * factor),
					leg.serviceSeconds(), (int) Math.round(leg.serviceSeconds() * factor));
		}
		return pace;
	}

}
