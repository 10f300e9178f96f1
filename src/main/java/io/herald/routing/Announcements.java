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

	/**
	 * Has the route record what its customers should now be told; the route keeps the events for {@link Routes} to
	 * publish once it is stored.
	 */
	void decide(Route route, Instant now) {
		if (route.state() != RouteState.STARTED) {
			return;
		}
		// the stops as they were before this decision: telling one customer changes only that customer's stop
		List<Stop> pending = route.pending();
		for (int i = 0; i < pending.size(); i++) {
			Stop s = pending.get(i);
			if (!s.announced()) {
				route.announce(s.orderId(), now);
			}
			List<Integer> reached = new ArrayList<>();
			for (int threshold : settings.stopsAwayThresholds()) {
				if (i <= threshold && (s.stopsAwayTold() == null || threshold < s.stopsAwayTold())) {
					reached.add(threshold);
				}
			}
			reached.sort(Comparator.reverseOrder());
			if (!settings.stopsAwayCatchUp() && reached.size() > 1) {
				reached = reached.subList(reached.size() - 1, reached.size());
			}
			for (int k = 0; k < reached.size(); k++) {
				boolean nearer = k < reached.size() - 1;
				route.tellStopsAway(s.orderId(), reached.get(k), nearer, now);
			}
			if (reached.isEmpty() && s.announced() && moved(s) && (s.toldAt() == null
					|| !s.toldAt().plus(settings.etaChangeInterval()).isAfter(now))) {
				route.tellEtaChanged(s.orderId(), now);
			}
		}
	}

	private boolean moved(Stop s) {
		if (s.toldEarliest() == null || s.etaEarliest() == null) {
			return !Objects.equals(s.toldEarliest(), s.etaEarliest());
		}
		Duration limit = settings.etaChangeMinimum();
		return Duration.between(s.toldEarliest(), s.etaEarliest()).abs().compareTo(limit) > 0
				|| Duration.between(s.toldLatest(), s.etaLatest()).abs().compareTo(limit) > 0;
	}

}
