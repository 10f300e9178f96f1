package io.herald.routing.eta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Forecasts a courier's arrival at each remaining stop with a window around it, and learns the courier's pace from
 * each finished stop.
 *
 * <p>
 * Each leg's actual time is its planned time times the courier's pace (one factor for travel and one for service,
 * shared by every leg of the day) plus the leg's own noise. The two kinds of error add up differently over the stops
 * ahead: the pace's error grows with the planned time ahead, leg noise only with the square root of the legs. So a
 * window widens with the stops and minutes before it, and learning the pace from the stops already finished tightens
 * every window of the rest of the day. The time to a stop is fitted with a log-normal (couriers run late more often
 * and further than early); the prediction is its median, the window its central {@code confidence} interval, limited
 * to the widths the settings allow.
 *
 * <p>
 * Stateless and thread-safe: what it learns lives in the {@link PaceState} the caller keeps.
 */
public final class EtaModel {

	private final EtaSettings settings;

	private final double z;

	private final double travelPrior;

	private final double servicePrior;

	public EtaModel(EtaSettings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.z = Normal.quantile(0.5 + settings.confidence() / 2);
		this.travelPrior = settings.travelPaceCv() * settings.travelPaceCv();
		this.servicePrior = settings.servicePaceCv() * settings.servicePaceCv();
	}

	public EtaSettings settings() {
		return settings;
	}

	/**
	 * Windows for the remaining stops in route order, the courier being at its current point at {@code now}.
	 * Predictions, earliest and latest times never decrease along the route.
	 */
	public List<EtaWindow> forecast(Instant now, List<Leg> remaining, PaceState pace) {
		Pace travel = travel(pace), service = service(pace);
		double floor = settings.noiseFloor().toSeconds();
		double maxWidth = settings.maxWidth().toSeconds(), minWidth = settings.minWidth().toSeconds();
		double horizon = settings.horizon().toSeconds();

		// planned seconds up to the stop, and the summed variance of the legs' own noise
		double plannedTravel = 0, travelNoise = 0, plannedService = 0, serviceNoise = 0;
		double lastPredicted = 0, lastEarliest = 0, lastLatest = 0;
		List<EtaWindow> windows = new ArrayList<>(remaining.size());
		for (int k = 0; k < remaining.size(); k++) {
			if (k > 0) {
				int serviceSeconds = remaining.get(k - 1).serviceSeconds();
				plannedService += serviceSeconds;
				serviceNoise += legNoise(serviceSeconds, settings.serviceNoiseCv(), floor);
			}
			int travelSeconds = remaining.get(k).travelSeconds();
			plannedTravel += travelSeconds;
			travelNoise += legNoise(travelSeconds, settings.travelNoiseCv(), floor);

			double mean = travel.mean() * plannedTravel + service.mean() * plannedService;
			double variance = travel.variance() * plannedTravel * plannedTravel + travel.meanSquare() * travelNoise
					+ service.variance() * plannedService * plannedService + service.meanSquare() * serviceNoise;
			double predicted = mean, earliest = mean, latest = mean;
			if (mean > 0) {
				double relative = variance / (mean * mean);
				double spread = z * Math.sqrt(Math.log1p(relative));
				predicted = mean / Math.sqrt(1 + relative);
				earliest = predicted * Math.exp(-spread);
				latest = predicted * Math.exp(spread);
			}
			double width = latest - earliest;
			double limit = maxWidth * Math.max(1, predicted / horizon);
			if (width > limit) {
				// keep the skew: a narrowed window still reaches further late than early
				earliest = predicted - (predicted - earliest) * limit / width;
				latest = predicted + (latest - predicted) * limit / width;
			}
			else if (width < minWidth) {
				earliest -= (minWidth - width) / 2;
				latest += (minWidth - width) / 2;
			}
			if (earliest < 0) {
				// nobody arrives before now: spend the width after it
				latest -= earliest;
				earliest = 0;
			}
			// a stop is reached after the one before it, so neither end may move back along the route; where the late
			// end is held up by the stop before, the early end follows, so that the window stays within its limit
			lastPredicted = Math.max(lastPredicted, predicted);
			lastLatest = Math.max(lastLatest, latest);
			long widest = (long) (maxWidth * Math.max(1, lastPredicted / horizon));
			lastEarliest = Math.max(lastEarliest, Math.max(earliest, lastLatest - widest));
			long from = Math.round(lastEarliest), to = Math.min(Math.round(lastLatest), from + widest);
			long at = Math.max(from, Math.min(to, Math.round(lastPredicted)));
			windows.add(new EtaWindow(now.plusSeconds(at), now.plusSeconds(from), now.plusSeconds(to)));
		}
		return windows;
	}

	/**
	 * Learns from a finished stop: the travel time to it and the service time at it, planned and observed, in
	 * seconds. A planned time of 0 tells nothing about pace and is skipped.
	 */
	public PaceState observe(PaceState pace, int plannedTravel, int actualTravel, int plannedService,
			int actualService) {
		if (actualTravel < 0 || actualService < 0 || plannedTravel < 0 || plannedService < 0) {
			throw new IllegalArgumentException("times must not be negative");
		}
		double floor = settings.noiseFloor().toSeconds();
		Pace travel = travel(pace), service = service(pace);
		if (plannedTravel > 0) {
			travel = travel.observe(plannedTravel, actualTravel, settings.travelNoiseCv(), floor,
					settings.paceDriftCv(), settings.outlierSigmas());
		}
		if (plannedService > 0) {
			service = service.observe(plannedService, actualService, settings.serviceNoiseCv(), floor,
					settings.paceDriftCv(), settings.outlierSigmas());
		}
		return new PaceState(travel.mean(), share(travel.variance(), travelPrior), service.mean(),
				share(service.variance(), servicePrior), pace.observations() + 1);
	}

	private Pace travel(PaceState pace) {
		return new Pace(pace.travelFactor(), pace.travelUncertainty() * travelPrior);
	}

	private Pace service(PaceState pace) {
		return new Pace(pace.serviceFactor(), pace.serviceUncertainty() * servicePrior);
	}

	/** Stored relative to the prior so that {@link PaceState#initial()} needs no settings. */
	private static double share(double variance, double prior) {
		return prior > 0 ? variance / prior : 0;
	}

	private static double legNoise(int planned, double cv, double floor) {
		return planned > 0 ? cv * cv * planned * planned + floor * floor : 0;
	}

}
