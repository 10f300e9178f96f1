package io.herald.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.herald.routing.eta.Leg;

/**
 * A simulated delivery day for the eta benchmark: each courier's route as planned and as it really went. Reality is
 * drawn from other shapes than the model assumes (gamma service times, rare long delays, a pace that drifts through
 * the day), so that the benchmark measures the model against a world it was not written for.
 */
final class EtaDay {

	/** One courier's route: the plan the model sees, and the actual times it learns from and is scored against. */
	record Route(Instant start, List<Leg> plan, int[] actualTravel, int[] actualService) {

		/** Actual arrival at each stop, seconds after the start. */
		long[] arrivals() {
			long[] arrivals = new long[plan.size()];
			long t = 0;
			for (int k = 0; k < plan.size(); k++) {
				t += actualTravel[k];
				arrivals[k] = t;
				t += actualService[k];
			}
			return arrivals;
		}

	}

	/** What the world is like; percentages are coefficients of variation. */
	record World(int couriers, int stops, long seed, int travelMin, int serviceMin, int pacePct, int servicePacePct,
			int travelNoisePct, int serviceNoisePct, int driftPct, int delayPct, int delayMin) {

		String describe() {
			return String.format(Locale.ROOT, "%d couriers x %d stops, seed %d; planned legs: "
					+ "travel median %d min (first leg from the depot 10-25 min), service %d min on average;%n"
					+ "  actual = planned x courier pace x leg noise: travel pace CV %d%% drifting %d%%/h, "
					+ "travel noise CV %d%% (log-normal),%n  service pace CV %d%%, service noise CV %d%% (gamma), "
					+ "plus a delay (exponential, mean %d min) at %d%% of stops",
					couriers, stops, seed, travelMin, serviceMin, pacePct, driftPct, travelNoisePct, servicePacePct,
					serviceNoisePct, delayMin, delayPct);
		}

	}

	private static final Instant MORNING = Instant.parse("2026-03-02T08:00:00Z");

	private EtaDay() {
	}

	static List<Route> simulate(World world) {
		List<Route> routes = new ArrayList<>(world.couriers());
		SplittableRandom seeds = new SplittableRandom(world.seed());
		for (int c = 0; c < world.couriers(); c++) {
			routes.add(route(world, seeds.split()));
		}
		return routes;
	}

	private static Route route(World w, SplittableRandom random) {
		List<Leg> plan = new ArrayList<>(w.stops());
		int[] travel = new int[w.stops()];
		int[] service = new int[w.stops()];
		double travelPace = logNormalWithMeanOne(random, w.pacePct() / 100.0);
		double servicePace = logNormalWithMeanOne(random, w.servicePacePct() / 100.0);
		double driftPerHour = w.driftPct() / 100.0;
		for (int k = 0; k < w.stops(); k++) {
			int plannedTravel;
			if (k == 0) {
				plannedTravel = 600 + random.nextInt(901);
			}
			else if (random.nextInt(20) == 0) {
				// next door or the same building: the plan says half a minute
				plannedTravel = 30;
			}
			else {
				double minutes = w.travelMin() * Math.exp(0.6 * gaussian(random));
				plannedTravel = (int) Math.round(Math.min(30, Math.max(0.5, minutes)) * 60);
			}
			int plannedService = (int) Math.round(w.serviceMin() * 60 * (0.67 + 0.66 * random.nextDouble()));
			plan.add(new Leg(plannedTravel, plannedService));

			travel[k] = (int) Math.round(
					plannedTravel * travelPace * logNormalWithMeanOne(random, w.travelNoisePct() / 100.0));
			double serviceSeconds = plannedService * servicePace
					* gammaWithMeanOne(random, w.serviceNoisePct() / 100.0);
			if (random.nextInt(100) < w.delayPct()) {
				serviceSeconds += -Math.log(1 - random.nextDouble()) * w.delayMin() * 60;
			}
			service[k] = (int) Math.round(serviceSeconds);
			// traffic and fatigue change the pace through the day
			double hours = (travel[k] + service[k]) / 3600.0;
			travelPace *= Math.exp(
					driftPerHour * Math.sqrt(hours) * gaussian(random) - driftPerHour * driftPerHour * hours / 2);
		}
		return new Route(MORNING, plan, travel, service);
	}

	private static double gaussian(SplittableRandom random) {
		// Box-Muller: SplittableRandom has no nextGaussian on Java 17
		double u = 1 - random.nextDouble(), v = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	private static double logNormalWithMeanOne(SplittableRandom random, double cv) {
		double s2 = Math.log1p(cv * cv);
		return Math.exp(Math.sqrt(s2) * gaussian(random) - s2 / 2);
	}

	/** Gamma with mean 1 and the given CV (Marsaglia and Tsang; shape below 1 boosted by u^(1/shape)). */
	private static double gammaWithMeanOne(SplittableRandom random, double cv) {
		if (cv <= 0) {
			return 1;
		}
		double shape = 1 / (cv * cv);
		double boost = 1;
		if (shape < 1) {
			boost = Math.pow(random.nextDouble(), 1 / shape);
			shape += 1;
		}
		double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
		while (true) {
			double x = gaussian(random), v = Math.pow(1 + c * x, 3);
			if (v <= 0) {
				continue;
			}
			double u = random.nextDouble();
			if (Math.log(u) < x * x / 2 + d - d * v + d * Math.log(v)) {
				return boost * d * v / (1 / (cv * cv));
			}
		}
	}

}
