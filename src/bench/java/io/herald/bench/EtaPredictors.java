package io.herald.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.herald.routing.eta.EtaModel;
import io.herald.routing.eta.EtaSettings;
import io.herald.routing.eta.EtaWindow;
import io.herald.routing.eta.Leg;
import io.herald.routing.eta.PaceState;

/** The ETA models the eta benchmark compares on the same simulated day: Herald's and simpler alternatives. */
final class EtaPredictors {

	/** Forecasts and learns like {@link EtaModel}, so that any model can be replayed over the day. */
	interface Predictor {

		String name();

		List<EtaWindow> forecast(Instant now, List<Leg> remaining, PaceState pace);

		PaceState observe(PaceState pace, int plannedTravel, int actualTravel, int plannedService, int actualService);

	}

	private EtaPredictors() {
	}

	static Predictor herald(String name, EtaSettings settings) {
		EtaModel model = new EtaModel(settings);
		return new Predictor() {

			public String name() {
				return name;
			}

			public List<EtaWindow> forecast(Instant now, List<Leg> remaining, PaceState pace) {
				return model.forecast(now, remaining, pace);
			}

			public PaceState observe(PaceState pace, int plannedTravel, int actualTravel, int plannedService,
					int actualService) {
				return model.observe(pace, plannedTravel, actualTravel, plannedService, actualService);
			}

		};
	}

	/** Herald's windows from the prior alone: what the plan says, never corrected by the day. */
	static Predictor planOnly(EtaSettings settings) {
		Predictor herald = herald("plan only (no learning)", settings);
		return new Predictor() {

			public String name() {
				return herald.name();
			}

			public List<EtaWindow> forecast(Instant now, List<Leg> remaining, PaceState pace) {
				return herald.forecast(now, remaining, pace);
			}

			public PaceState observe(PaceState pace, int plannedTravel, int actualTravel, int plannedService,
					int actualService) {
				return pace;
			}

		};
	}

	/**
	 * The common first attempt: a pace factor per courier smoothed with a fixed learning rate, and every error taken
	 * as independent per leg, so that a window grows with the square root of the legs before it. The noise per leg
	 * is the prior's pace and noise together, so that it starts as wide as Herald's model on short horizons.
	 */
	static Predictor smoothedPace(EtaSettings settings, double learningRate) {
		double z = centralQuantile(settings.confidence());
		double travelCv2 = settings.travelPaceCv() * settings.travelPaceCv()
				+ settings.travelNoiseCv() * settings.travelNoiseCv();
		double serviceCv2 = settings.servicePaceCv() * settings.servicePaceCv()
				+ settings.serviceNoiseCv() * settings.serviceNoiseCv();
		double floor2 = Math.pow(settings.noiseFloor().toSeconds(), 2);
		double minWidth = settings.minWidth().toSeconds(), maxWidth = settings.maxWidth().toSeconds();
		double horizon = settings.horizon().toSeconds();
		return new Predictor() {

			public String name() {
				return String.format(Locale.ROOT, "smoothed pace (rate %.2f), independent legs",
						learningRate);
			}

			public List<EtaWindow> forecast(Instant now, List<Leg> remaining, PaceState pace) {
				List<EtaWindow> windows = new ArrayList<>();
				double mean = 0, variance = 0, lastEarliest = 0, lastLatest = 0;
				for (int k = 0; k < remaining.size(); k++) {
					if (k > 0) {
						double s = remaining.get(k - 1).serviceSeconds() * pace.serviceFactor();
						mean += s;
						variance += s > 0 ? s * s * serviceCv2 + floor2 : 0;
					}
					double t = remaining.get(k).travelSeconds() * pace.travelFactor();
					mean += t;
					variance += t > 0 ? t * t * travelCv2 + floor2 : 0;
					double half = z * Math.sqrt(variance);
					double limit = maxWidth * Math.max(1, mean / horizon);
					half = Math.max(minWidth / 2, Math.min(limit / 2, half));
					lastEarliest = Math.max(lastEarliest, Math.max(0, mean - half));
					lastLatest = Math.max(lastLatest, mean + half);
					windows.add(new EtaWindow(now.plusSeconds(Math.round(mean)),
							now.plusSeconds(Math.round(Math.min(lastEarliest, mean))),
							now.plusSeconds(Math.round(Math.max(lastLatest, mean)))));
				}
				return windows;
			}

			public PaceState observe(PaceState pace, int plannedTravel, int actualTravel, int plannedService,
					int actualService) {
				double travel = pace.travelFactor(), service = pace.serviceFactor();
				if (plannedTravel > 0) {
					travel += learningRate * ((double) actualTravel / plannedTravel - travel);
				}
				if (plannedService > 0) {
					service += learningRate * ((double) actualService / plannedService - service);
				}
				return new PaceState(Math.max(0.05, travel), 1, Math.max(0.05, service), 1, pace.observations() + 1);
			}

		};
	}

	/** z such that P(|Z| <= z) = confidence for a standard normal Z, by bisection. */
	private static double centralQuantile(double confidence) {
		double lo = 0, hi = 10;
		for (int i = 0; i < 100; i++) {
			double mid = (lo + hi) / 2;
			if (centralShare(mid) < confidence) {
				lo = mid;
			}
			else {
				hi = mid;
			}
		}
		return lo;
	}

	/** P(|Z| <= z) by integrating the normal density (Simpson): accurate enough for a baseline's quantile. */
	private static double centralShare(double z) {
		int n = 2000;
		double h = z / n, sum = 0;
		for (int i = 0; i <= n; i++) {
			double x = i * h, f = Math.exp(-x * x / 2);
			sum += (i == 0 || i == n) ? f : (i % 2 == 1 ? 4 * f : 2 * f);
		}
		return 2 * sum * h / 3 / Math.sqrt(2 * Math.PI);
	}

}
