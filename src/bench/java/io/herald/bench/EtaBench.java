package io.herald.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.herald.routing.eta.EtaSettings;
import io.herald.routing.eta.EtaWindow;
import io.herald.routing.eta.PaceState;

/**
 * The eta benchmark: a calibration report of the ETA windows over a simulated day. Each courier's route is replayed
 * as it would run in Herald: a forecast of all stops at the start, then, each time the courier reports a stop
 * finished, the model learns from it and forecasts the remaining stops again. Every window is then checked against
 * the simulated arrival. Herald's model and simpler alternatives replay the same day; the last line is Herald's.
 */
public final class EtaBench {

	private final PrintStream out;

	private final EtaDay.World world;

	private final EtaSettings settings;

	private EtaBench(PrintStream out, BenchOptions options) {
		this.out = out;
		world = new EtaDay.World(options.integer("couriers", 500, "couriers, one route each"),
				options.integer("stops", 30, "stops per route"),
				options.integer("seed", 1, "seed of the simulated day"),
				options.integer("travel-min", 6, "median planned travel between stops, minutes"),
				options.integer("service-min", 3, "mean planned service time per stop, minutes"),
				options.integer("pace-pct", 15, "couriers' travel pace: CV across couriers, %"),
				options.integer("service-pace-pct", 25, "couriers' service pace: CV across couriers, %"),
				options.integer("travel-noise-pct", 30, "one leg's travel time around the pace: CV, %"),
				options.integer("service-noise-pct", 60, "one stop's service time around the pace: CV, %"),
				options.integer("drift-pct", 5, "random walk of the travel pace during the day, % per sqrt(hour)"),
				options.integer("delay-pct", 3, "share of stops with an extra delay, %"),
				options.integer("delay-min", 10, "mean extra delay at those stops, minutes"));
		int confidence = options.integer("confidence-pct", 90, "model: share of arrivals windows aim to contain, %");
		int maxWidth = options.integer("max-width-min", 30, "model: widest window for stops within the hour, minutes");
		int minWidth = options.integer("min-width-min", 10, "model: narrowest window, minutes");
		require(world.couriers() >= 1 && world.stops() >= 1, "--couriers and --stops must be at least 1");
		require(world.travelMin() >= 1 && world.serviceMin() >= 0, "--travel-min must be >= 1, --service-min >= 0");
		require(world.pacePct() >= 0 && world.servicePacePct() >= 0 && world.travelNoisePct() >= 0
				&& world.serviceNoisePct() >= 0 && world.driftPct() >= 0 && world.delayMin() >= 0,
				"CVs and delays must not be negative");
		require(world.delayPct() >= 0 && world.delayPct() <= 100, "--delay-pct must be between 0 and 100");
		require(confidence >= 1 && confidence <= 99, "--confidence-pct must be between 1 and 99");
		require(minWidth >= 0 && minWidth <= maxWidth, "need 0 <= --min-width-min <= --max-width-min");
		settings = EtaSettings.defaults()
			.withConfidence(confidence / 100.0)
			.withWidths(Duration.ofMinutes(minWidth), Duration.ofMinutes(maxWidth));
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	public static void main(String[] args) {
		PrintStream out = System.out;
		System.setOut(System.err);
		int exit = 0;
		try {
			BenchOptions options = new BenchOptions("eta", args);
			EtaBench bench = new EtaBench(out, options);
			if (options.helpRequested()) {
				out.print(options.help());
			}
			else {
				options.rejectUnknown();
				out.println(bench.run());
			}
		}
		catch (IllegalArgumentException e) {
			System.err.println("eta: " + e.getMessage());
			exit = 2;
		}
		out.flush();
		System.exit(exit);
	}

	private String run() {
		out.println("eta calibration: " + world.describe());
		out.printf(Locale.ROOT, "model: windows aim at %.0f%% of arrivals, %d-%d min wide for stops within %d min%n",
				settings.confidence() * 100, settings.minWidth().toMinutes(), settings.maxWidth().toMinutes(),
				settings.horizon().toMinutes());
		List<EtaDay.Route> day = EtaDay.simulate(world);

		// the same total variance per leg, all of it taken as the leg's own noise: nothing shared, nothing to learn
		EtaSettings perLeg = settings.withPrior(0, Math.hypot(settings.travelPaceCv(), settings.travelNoiseCv()), 0,
				Math.hypot(settings.servicePaceCv(), settings.serviceNoiseCv()));
		List<EtaPredictors.Predictor> predictors = List.of(EtaPredictors.herald("herald", settings),
				EtaPredictors.planOnly(settings), EtaPredictors.herald("herald, all error per leg (no pace)", perLeg),
				EtaPredictors.smoothedPace(settings, 0.1), EtaPredictors.smoothedPace(settings, 0.3),
				EtaPredictors.herald("herald without pace drift", settings.withLearning(0, settings.outlierSigmas())),
				EtaPredictors.herald("herald without outlier clipping",
						settings.withLearning(settings.paceDriftCv(), 1e9)));
		EtaScore[] scores = new EtaScore[predictors.size()];
		for (int i = 0; i < predictors.size(); i++) {
			long t = System.nanoTime();
			scores[i] = replay(predictors.get(i), day);
			long nanos = System.nanoTime() - t;
			if (i == 0) {
				long forecasts = (long) world.couriers() * world.stops();
				out.printf(Locale.ROOT, "%n%s: %d forecasts in %.0f ms (%.1f us per forecast of a whole route)%n",
						predictors.get(i).name(), forecasts, nanos / 1e6, nanos / 1e3 / forecasts);
				scores[i].print(out);
			}
		}

		out.printf("%ncompared on the same day (within the hour: forecasts made at most 60 min before arrival;"
				+ " abs err of the window on show 60/30/10 min before arrival)%n");
		out.println("  model                                        inside  width  inside   abs err at 60  30  10 min");
		out.println("                                               <= 1 h  <= 1 h    all");
		for (int i = 0; i < predictors.size(); i++) {
			EtaScore s = scores[i];
			out.printf(Locale.ROOT, "  %-44s %5.1f%%  %5.1f  %5.1f%%   %6.2f %6.2f %6.2f%n", predictors.get(i).name(),
					s.withinHour().insidePct(), s.withinHour().meanWidth(), s.all().insidePct(),
					s.at(0).meanAbsoluteError(), s.at(1).meanAbsoluteError(), s.at(2).meanAbsoluteError());
		}
		EtaScore herald = scores[0];
		return String.format(Locale.ROOT,
				"eta: inside_window_pct=%.1f mean_width_min=%.1f mae_60_min=%.2f mae_30_min=%.2f mae_10_min=%.2f",
				herald.withinHour().insidePct(), herald.withinHour().meanWidth(), herald.at(0).meanAbsoluteError(),
				herald.at(1).meanAbsoluteError(), herald.at(2).meanAbsoluteError());
	}

	/** Runs every route of the day through one predictor, forecasting at the start and after every finished stop. */
	private EtaScore replay(EtaPredictors.Predictor predictor, List<EtaDay.Route> day) {
		EtaScore score = new EtaScore(settings.maxWidth(), settings.horizon());
		for (EtaDay.Route route : day) {
			int n = route.plan().size();
			long[] arrivals = route.arrivals();
			long[] madeAt = new long[n];
			EtaWindow[][] shown = new EtaWindow[n][];
			PaceState pace = PaceState.initial();
			long t = 0;
			for (int j = 0; j < n; j++) {
				Instant now = route.start().plusSeconds(t);
				List<EtaWindow> windows = predictor.forecast(now, route.plan().subList(j, n), pace);
				shown[j] = windows.toArray(EtaWindow[]::new);
				madeAt[j] = t;
				for (int k = j; k < n; k++) {
					score.forecast(now, j, shown[j][k - j], route.start().plusSeconds(arrivals[k]));
				}
				// the courier reports stop j finished; the model learns before the next forecast
				pace = predictor.observe(pace, route.plan().get(j).travelSeconds(), route.actualTravel()[j],
						route.plan().get(j).serviceSeconds(), route.actualService()[j]);
				t = arrivals[j] + route.actualService()[j];
			}
			for (int k = 0; k < n; k++) {
				for (int i = 0; i < EtaScore.AT.length; i++) {
					long then = arrivals[k] - EtaScore.AT[i] * 60L;
					// the last forecast made by then; none when the route had not started yet
					int j = k;
					while (j >= 0 && madeAt[j] > then) {
						j--;
					}
					if (j >= 0) {
						score.shownAt(i, shown[j][k - j], route.start().plusSeconds(arrivals[k]));
					}
				}
			}
		}
		return score;
	}

}
