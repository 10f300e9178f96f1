package io.herald.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

import io.herald.platform.geo.GeoPoint;
import io.herald.routing.eta.EtaModel;
import io.herald.routing.eta.EtaSettings;
import io.herald.routing.travel.GreatCircleTravelTimeModel;
import io.herald.routing.travel.VehicleProfile;

/**
 * {@code bench/run replan}: how long Herald takes to re-plan a 150-stop route after one stop finishes, the work
 * behind every stop outcome: learn the courier's pace, re-sequence the remaining stops (replan budget), forecast
 * their windows and decide what customers to tell. It runs the production classes ({@link RoutePlanner},
 * {@link Announcements}) without the database or HTTP, whose cost a route change shares with every other write.
 *
 * <p>Each of {@code --routes} random routes around Andorra la Vella is dispatched (full sequencer budget), started,
 * and then worked through stop by stop; every re-plan while at least {@code --min-left} stops remain is timed. The
 * first route warms the JIT up and is not counted.
 */
public final class ReplanBench {

	public static void main(String[] args) {
		int stops = intArg(args, "stops", 150);
		int routes = intArg(args, "routes", 12);
		int minLeft = intArg(args, "min-left", 50);
		RoutingSettings settings = new RoutingSettings(List.of(3, 1), true, Duration.ofMinutes(10), Duration.ofMinutes(15),
				0.15, Duration.ofMinutes(3), Duration.ofMillis(200), Duration.ofMillis(1), 7,
				new RoutingSettings.Travel("great-circle", 1.35, 5, 15, 25, 30, 25, null, "./data/graphhopper", 500),
				new RoutingSettings.Eta(0.9, Duration.ofMinutes(30), Duration.ofMinutes(10)));
		EtaModel eta = new EtaModel(EtaSettings.defaults());
		RoutePlanner planner = new RoutePlanner(GreatCircleTravelTimeModel.defaults(), eta, settings);
		Announcements announcements = new Announcements(settings);

		System.out.printf(Locale.ROOT, "replan benchmark: %d-stop routes, %d routes (+1 warm-up), replan budget %d ms, "
				+ "timed while at least %d stops remain%n", stops, routes, settings.replanBudget().toMillis(), minLeft);
		List<Long> samples = new ArrayList<>();
		for (int r = 0; r <= routes; r++) {
			SplittableRandom random = new SplittableRandom(r);
			Instant now = Instant.parse("2026-11-24T08:00:00Z");
			Route route = route(stops, random, now);
			planner.sequence(route, now);
			planner.forecast(route, now);
			route.start(now);
			announcements.decide(route, now);
			route.takeEvents();
			while (route.pending().size() > minLeft) {
				Stop next = route.pending().get(0);
				Instant previousAt = route.lastCompleted().map(Stop::completedAt).orElse(now);
				now = now.plusSeconds(Math.max(60, (long) ((next.plannedTravelSeconds() == null ? 300
						: next.plannedTravelSeconds()) * (0.8 + 0.5 * random.nextDouble())) + next.serviceSeconds()));
				long start = System.nanoTime();
				Stop done = route.complete(next.orderId(), StopState.DELIVERED, null, null, now);
				planner.learn(route, done, previousAt, null);
				planner.resequence(route, now);
				planner.forecast(route, now);
				announcements.decide(route, now);
				route.takeEvents();
				long elapsed = System.nanoTime() - start;
				if (r > 0) {
					samples.add(elapsed);
				}
			}
		}
		long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
		double p50 = sorted[sorted.length / 2] / 1e6;
		double p99 = sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
		double max = sorted[sorted.length - 1] / 1e6;
		double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
		System.out.printf(Locale.ROOT, "  %d re-plans: mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
				sorted.length, mean, p50, p99, max);
		System.out.printf(Locale.ROOT, "replan: p50_ms=%.2f p99_ms=%.2f%n", p50, p99);
	}

	private static Route route(int stops, SplittableRandom random, Instant now) {
		GeoPoint depot = new GeoPoint(42.5063, 1.5218);
		List<Stop> list = new ArrayList<>();
		for (int i = 0; i < stops; i++) {
			// within about 4 km of the depot
			GeoPoint point = new GeoPoint(depot.lat() + (random.nextDouble() - 0.5) * 0.07,
					depot.lon() + (random.nextDouble() - 0.5) * 0.09);
			list.add(Stop.pending(UUID.randomUUID(), UUID.randomUUID(), point, 180, null, null));
		}
		return Route.plan(UUID.randomUUID(), new Courier("Bench", null, VehicleProfile.VAN), depot, list, now);
	}

	private static int intArg(String[] args, String name, int fallback) {
		for (String arg : args) {
			if (arg.startsWith("--" + name + "=")) {
				return Integer.parseInt(arg.substring(name.length() + 3));
			}
		}
		return fallback;
	}

	private ReplanBench() {
	}

}
