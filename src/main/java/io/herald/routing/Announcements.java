package io.herald.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * Decides what the customers of a started route should now be told, from the route's fresh forecast and what each
 * was told before: the announcement of their place ("stop k of n"), each "N stops away" threshold once (when one
 * change reaches several, only the smallest is sent), and a moved window, throttled.
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
			Integer reached = null;
			for (int threshold : settings.stopsAwayThresholds()) {
				if (i <= threshold && (s.stopsAwayTold == null || threshold < s.stopsAwayTold)
						&& (reached == null || threshold < reached)) {
					reached = threshold;
				}
			}
			if (reached != null) {
				events.add(new RouteEvent.StopsAwayReached(s.orderId, s.merchantId, route.id, reached, i, s.etaEarliest,
						s.etaLatest, now));
				s.stopsAwayTold = reached;
				told(s, now);
			}
			else if (announcedBefore && moved(s) && (s.toldAt == null
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
