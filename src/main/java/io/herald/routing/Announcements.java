package io.herald.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * Decides what the customers of a started route should now be told, from the route's fresh forecast and what each
 * was told before: the announcement of their place ("stop k of n"), each "N stops away" threshold once, and a moved
 * window, throttled. When one change reaches several thresholds at once (the first stops when a route starts), each
 * is still sent once, farthest first, the farther ones marked {@code nearer} so their wording stays true ("within 3
 * stops"); {@code herald.routing.stops-away-catch-up=false} sends only the nearest instead.
 */
@Component
class Announcements {

	private final RoutingSettings settings;

	Announcements(RoutingSettings settings) {
		this.settings = settings;
	}

	List<RouteEvent> decide(Route route, Instant now) {
		List<RouteEvent> events = new ArrayList<>();
		if (route.state != RouteState.STARTED) {
			return events;
		}
		List<Stop> pending = route.pending();
		int total = route.total();
		for (int i = 0; i < pending.size(); i++) {
			Stop s = pending.get(i);
			boolean announcedBefore = s.announced;
			if (!s.announced) {
				events.add(new RouteEvent.StopAnnounced(s.orderId, s.merchantId, route.id, s.position, total, i,
						s.etaEarliest, s.etaLatest, now));
				s.announced = true;
				told(s, now);
			}
			List<Integer> reached = new ArrayList<>();
			for (int threshold : settings.stopsAwayThresholds()) {
				if (i <= threshold && (s.stopsAwayTold == null || threshold < s.stopsAwayTold)) {
					reached.add(threshold);
				}
			}
			reached.sort(Comparator.reverseOrder());
			if (!settings.stopsAwayCatchUp() && reached.size() > 1) {
				reached = reached.subList(reached.size() - 1, reached.size());
			}
			for (int k = 0; k < reached.size(); k++) {
				boolean nearer = k < reached.size() - 1;
				events.add(new RouteEvent.StopsAwayReached(s.orderId, s.merchantId, route.id, reached.get(k), i,
						nearer, s.etaEarliest, s.etaLatest, now));
				s.stopsAwayTold = reached.get(k);
				told(s, now);
			}
			if (reached.isEmpty() && announcedBefore && moved(s) && (s.toldAt == null
					|| !s.toldAt.plus(settings.etaChangeInterval()).isAfter(now))) {
				events.add(new RouteEvent.EtaChanged(s.orderId, s.merchantId, route.id, s.etaEarliest, s.etaLatest,
						s.toldEarliest, s.toldLatest, now));
				told(s, now);
				s.toldAt = now;
			}
		}
		return events;
	}

	private boolean moved(Stop s) {
		if (s.toldEarliest == null || s.etaEarliest == null) {
			return !Objects.equals(s.toldEarliest, s.etaEarliest);
		}
		Duration limit = settings.etaChangeMinimum();
		return Duration.between(s.toldEarliest, s.etaEarliest).abs().compareTo(limit) > 0
				|| Duration.between(s.toldLatest, s.etaLatest).abs().compareTo(limit) > 0;
	}

	/** Remembers the window the customer now knows; {@code toldAt} is only the time of the last ETA_CHANGED. */
	private static void told(Stop s, Instant now) {
		s.toldEarliest = s.etaEarliest;
		s.toldLatest = s.etaLatest;
	}

}
