package io.herald.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.herald.platform.geo.GeoPoint;
import io.herald.routing.eta.EtaModel;
import io.herald.routing.eta.Leg;
import io.herald.routing.sequence.SequenceProblem;
import io.herald.routing.sequence.SequenceResult;
import io.herald.routing.sequence.Sequencer;
import io.herald.routing.sequence.SequencerSettings;
import io.herald.routing.sequence.TimeWindow;
import io.herald.routing.travel.TravelTimeModel;
import org.springframework.stereotype.Component;

/**
 * Sequences a route's pending stops from where the courier is now, and forecasts their ETA windows. Finished stops
 * never move; customers already told they are next keep their place unless moving them saves a lot. It computes;
 * the {@link Route} applies the result to itself.
 */
@Component
class RoutePlanner {

	private final TravelTimeModel travel;

	private final EtaModel eta;

	private final RoutingSettings settings;

	RoutePlanner(TravelTimeModel travel, EtaModel eta, RoutingSettings settings) {
		this.travel = travel;
		this.eta = eta;
		this.settings = settings;
	}

	void sequence(Route route, Instant now) {
		sequence(route, now, settings.sequencerBudget());
	}

	/** Re-sequences after a stop finished or the courier moved, within the short replan budget. */
	void resequence(Route route, Instant now) {
		sequence(route, now, settings.replanBudget());
	}

	private void sequence(Route route, Instant now, Duration budget) {
		List<Stop> pending = route.pending();
		if (pending.size() < 2) {
			route.resequence(pending.stream().map(Stop::orderId).toList());
			return;
		}
		List<GeoPoint> points = new ArrayList<>();
		points.add(route.currentPoint());
		pending.forEach(s -> points.add(s.point()));
		int[][] matrix = travel.matrix(points, route.courier().vehicleProfile());
		int[] service = new int[points.size()];
		TimeWindow[] windows = new TimeWindow[points.size()];
		for (int i = 0; i < pending.size(); i++) {
			Stop s = pending.get(i);
			service[i + 1] = s.serviceSeconds();
			if (s.promisedTo() != null) {
				windows[i + 1] = new TimeWindow(seconds(now, s.promisedFrom() == null ? now : s.promisedFrom()),
						seconds(now, s.promisedTo()));
			}
		}
		// customers told they are next keep their place: the pending stops in their current order, up to the last
		// one told the smallest "stops away" threshold
		int pinned = 0;
		int smallest = settings.stopsAwayThresholds().stream().min(Integer::compare).orElse(1);
		for (int i = 0; i < pending.size(); i++) {
			if (pending.get(i).stopsAwayTold() != null && pending.get(i).stopsAwayTold() <= smallest) {
				pinned = i + 1;
			}
		}
		int[] prefix = new int[pinned];
		for (int i = 0; i < pinned; i++) {
			prefix[i] = i + 1;
		}
		Sequencer sequencer = new Sequencer(SequencerSettings.timeBudget(budget, settings.sequencerSeed()));
		SequenceProblem problem = new SequenceProblem(matrix, service, windows, false, prefix);
		SequenceResult result = sequencer.solve(problem);
		if (pinned > 0) {
			SequenceResult free = sequencer.solve(new SequenceProblem(matrix, service, windows, false, new int[0]));
			if (better(free, result, settings.replanGain())) {
				result = free;
			}
		}
		// the current order is a candidate too: a short replan search must never make the route worse than it was
		int[] current = new int[pending.size()];
		for (int i = 0; i < current.length; i++) {
			current[i] = i + 1;
		}
		int[] chosen = result.isBetterThan(Sequencer.evaluate(problem, current)) ? result.sequence() : current;
		List<UUID> order = new ArrayList<>();
		for (int index : chosen) {
			order.add(pending.get(index - 1).orderId());
		}
		route.resequence(order);
	}

	/**
	 * Whether the courier ran so far ahead or behind that the sequence should be reconsidered: a promised slot is now
	 * forecast to be missed, or the next stop's arrival moved by more than the ETA change minimum.
	 */
	boolean offPlan(Route route, Instant previousNextEta) {
		List<Stop> pending = route.pending();
		if (pending.isEmpty()) {
			return false;
		}
		boolean promiseAtRisk = pending.stream()
			.anyMatch(s -> s.promisedTo() != null && s.eta() != null && s.eta().isAfter(s.promisedTo()));
		Instant nextEta = pending.get(0).eta();
		boolean moved = previousNextEta != null && nextEta != null
				&& Duration.between(previousNextEta, nextEta).abs().compareTo(settings.etaChangeMinimum()) > 0;
		return promiseAtRisk || moved;
	}

	/** Forecasts every pending stop's window from the courier's current point and time. */
	void forecast(Route route, Instant now) {
		List<Stop> pending = route.pending();
		if (pending.isEmpty()) {
			return;
		}
		List<Integer> travelSeconds = new ArrayList<>();
		List<Leg> legs = new ArrayList<>();
		GeoPoint previous = route.currentPoint();
		for (Stop s : pending) {
			int seconds = travel.seconds(previous, s.point(), route.courier().vehicleProfile());
			travelSeconds.add(seconds);
			legs.add(new Leg(seconds, s.serviceSeconds()));
			previous = s.point();
		}
		// a planned route is forecast as if it left now; a started one from the courier's last known point
		route.forecast(travelSeconds, eta.forecast(now, legs, route.pace()));
	}

	/** Learns the courier's pace from a finished stop: planned vs observed time since the previous point. */
	void learn(Route route, Stop finished, Instant previousAt, Instant arrivedAt) {
		if (finished.plannedTravelSeconds() == null || previousAt == null) {
			return;
		}
		int plannedTravel = finished.plannedTravelSeconds();
		int plannedService = finished.serviceSeconds();
		long total = Math.max(0, Duration.between(previousAt, finished.completedAt()).toSeconds());
		int actualTravel;
		int actualService;
		if (arrivedAt != null) {
			actualTravel = (int) Math.max(0, Duration.between(previousAt, arrivedAt).toSeconds());
			actualService = (int) Math.max(0, Duration.between(arrivedAt, finished.completedAt()).toSeconds());
		}
		else {
			// only the finish time is known: split the observed time in the planned proportion
			double travelShare = plannedTravel + plannedService == 0 ? 1
					: (double) plannedTravel / (plannedTravel + plannedService);
			actualTravel = (int) Math.round(total * travelShare);
			actualService = (int) (total - actualTravel);
		}
		route.adoptPace(eta.observe(route.pace(), plannedTravel, actualTravel, plannedService, actualService));
	}

	private static boolean better(SequenceResult candidate, SequenceResult current, double gain) {
		if (candidate.latenessSeconds() != current.latenessSeconds()) {
			return candidate.latenessSeconds() < current.latenessSeconds() * (1 - gain);
		}
		return candidate.travelSeconds() < current.travelSeconds() * (1 - gain);
	}

	private static int seconds(Instant now, Instant at) {
		return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Duration.between(now, at).toSeconds()));
	}

}
