package io.herald.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.herald.platform.geo.GeoPoint;
import io.herald.routing.eta.EtaWindow;
import io.herald.routing.travel.VehicleProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the customers of a started route are told as it moves: each stops-away threshold once, never more. */
class AnnouncementsTests {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	@Test
	void everyThresholdIsToldOnceFarthestFirstAlsoWhenReachedTogether() {
		Route route = startedRoute(6);
		Announcements announcements = new Announcements(settings(true));

		List<RouteEvent> atStart = decide(announcements, route, NOW);

		// stop 1 (next) and stop 2 (1 before) reach both thresholds at once: 3 first, worded "within", then 1
		assertThat(stopsAway(atStart, route.stops().get(0).orderId())).extracting(e -> e.threshold() + ":" + e.nearer())
			.containsExactly("3:true", "1:false");
		assertThat(stopsAway(atStart, route.stops().get(1).orderId())).extracting(e -> e.threshold() + ":" + e.nearer())
			.containsExactly("3:true", "1:false");
		assertThat(stopsAway(atStart, route.stops().get(2).orderId())).extracting(RouteEvent.StopsAwayReached::threshold)
			.containsExactly(3);
		assertThat(stopsAway(atStart, route.stops().get(3).orderId())).extracting(RouteEvent.StopsAwayReached::threshold)
			.containsExactly(3);
		assertThat(stopsAway(atStart, route.stops().get(4).orderId())).isEmpty();

		// deciding again without any change tells nobody anything twice
		assertThat(decide(announcements, route, NOW.plusSeconds(1))).isEmpty();

		// the first stop is delivered: stop 3 is now 1 before, stop 5 is 3 before; each told its threshold once
		deliver(route, 0);
		List<RouteEvent> afterFirst = decide(announcements, route, NOW.plusSeconds(60));
		assertThat(stopsAway(afterFirst, route.stops().get(2).orderId())).extracting(RouteEvent.StopsAwayReached::threshold)
			.containsExactly(1);
		assertThat(stopsAway(afterFirst, route.stops().get(4).orderId())).extracting(RouteEvent.StopsAwayReached::threshold)
			.containsExactly(3);
		assertThat(stopsAway(afterFirst, route.stops().get(1).orderId())).isEmpty();
		assertThat(afterFirst).noneMatch(e -> e instanceof RouteEvent.StopAnnounced);
	}

	@Test
	void withoutCatchUpOnlyTheNearestOfThresholdsReachedTogetherIsTold() {
		Route route = startedRoute(4);
		Announcements announcements = new Announcements(settings(false));

		List<RouteEvent> atStart = decide(announcements, route, NOW);

		assertThat(stopsAway(atStart, route.stops().get(0).orderId())).extracting(RouteEvent.StopsAwayReached::threshold)
			.containsExactly(1);
		assertThat(stopsAway(atStart, route.stops().get(3).orderId())).extracting(RouteEvent.StopsAwayReached::threshold)
			.containsExactly(3);
		deliver(route, 0);
		deliver(route, 1);
		assertThat(stopsAway(decide(announcements, route, NOW.plusSeconds(60)), route.stops().get(3).orderId()))
			.extracting(RouteEvent.StopsAwayReached::threshold)
			.containsExactly(1);
	}

	private static List<RouteEvent.StopsAwayReached> stopsAway(List<RouteEvent> events, UUID orderId) {
		return events.stream()
			.filter(e -> e instanceof RouteEvent.StopsAwayReached s && s.orderId().equals(orderId))
			.map(RouteEvent.StopsAwayReached.class::cast)
			.toList();
	}

	/** What the route recorded for its customers in this decision. */
	private static List<RouteEvent> decide(Announcements announcements, Route route, Instant now) {
		announcements.decide(route, now);
		return route.takeEvents();
	}

	private static void deliver(Route route, int index) {
		route.complete(route.stops().get(index).orderId(), StopState.DELIVERED, null, null, NOW.plusSeconds(30));
	}

	private static Route startedRoute(int size) {
		List<Stop> stops = new ArrayList<>();
		List<Integer> travel = new ArrayList<>();
		List<EtaWindow> windows = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			stops.add(Stop.pending(UUID.randomUUID(), UUID.randomUUID(), new GeoPoint(42.5 + i * 0.001, 1.5), 180, null,
					null));
			Instant earliest = NOW.plus(Duration.ofMinutes(10L * (i + 1)));
			travel.add(600);
			windows.add(new EtaWindow(earliest, earliest, earliest.plus(Duration.ofMinutes(20))));
		}
		Route route = Route.plan(UUID.randomUUID(), new Courier("Ana", "+376600000", VehicleProfile.VAN),
				new GeoPoint(42.5, 1.5), stops, NOW);
		route.forecast(travel, windows);
		route.start(NOW);
		return route;
	}

	private static RoutingSettings settings(boolean catchUp) {
		return new RoutingSettings(List.of(3, 1), catchUp, Duration.ofMinutes(10), Duration.ofMinutes(15), 0.15,
				Duration.ofMinutes(3), Duration.ofMillis(200), Duration.ofMillis(1), 7,
				new RoutingSettings.Travel("great-circle", 1.35, 5, 15, 25, 30, 25, null, "./data/graphhopper", 500),
				new RoutingSettings.Eta(0.9, Duration.ofMinutes(30), Duration.ofMinutes(10)));
	}

}
