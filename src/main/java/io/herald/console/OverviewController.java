package io.herald.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.notification.NotificationStats.Outcome;
import io.herald.notification.NotificationStats;
import io.herald.order.stocking.StockingFailureReason;
import io.herald.order.stocking.StockingStats;
import io.herald.routing.EtaStats;
import io.herald.station.Stations;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's overview: four charts where people would rather look than read. Stocking failures, on-time rate and
 * ETA error over the last 14 days; notifications over the last 24 hours by hour, or the last 14 days by day.
 */
@Hidden
@Controller
class OverviewController {

	static final Duration WINDOW = Duration.ofDays(14);

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);

	/** Colour-blind-safe (Okabe-Ito) colours for categories. */
	static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
			"#000000", "#F0E442");

	/** Per channel a hue; per outcome a shade of it (sent darkest). */
	private static final Map<String, List<String>> CHANNEL_SHADES = Map.of("WEBHOOK",
			List.of("#1d4ed8", "#93c5fd", "#b91c1c", "#d4d4d8"), "EMAIL",
			List.of("#047857", "#6ee7b7", "#7f1d1d", "#a1a1aa"), "SMS",
			List.of("#7e22ce", "#d8b4fe", "#f87171", "#e4e4e7"), "LIVE",
			List.of("#b45309", "#fcd34d", "#991b1b", "#e7e5e4"), "LOG",
			List.of("#52525b", "#a1a1aa", "#ef4444", "#f4f4f5"));

	private final StockingStats stocking;

	private final NotificationStats notifications;

	private final EtaStats eta;

	private final Stations stations;

	private final Clock clock;

	OverviewController(StockingStats stocking, NotificationStats notifications, EtaStats eta, Stations stations,
			Clock clock) {
		this.stocking = stocking;
		this.notifications = notifications;
		this.eta = eta;
		this.stations = stations;
		this.clock = clock;
	}

	@GetMapping("/console")
	String overview(@RequestParam(defaultValue = "24h") String notificationsOver, Model model) {
		Instant now = clock.instant();
		Instant since = now.minus(WINDOW);
		Map<UUID, String> names = ConsolePages.stationNames(stations);
		boolean daily = "14d".equals(notificationsOver);
		model.addAttribute("daily", daily);
		model.addAttribute("charts", List.of(stockingFailures(since, names), notifications(now, daily),
				onTime(since, names), etaError(since)));
		return "console/overview";
	}

	static String name(Map<UUID, String> names, UUID id) {
		return id == null ? "no station" : names.getOrDefault(id, "station " + ConsolePages.shortId(id));
	}

	ChartView stockingFailures(Instant since, Map<UUID, String> names) {
		var counts = stocking.failuresByStationAndReason(since);
		List<UUID> stationIds = counts.stream().map(StockingStats.FailureCount::stationId).distinct().toList();
		List<String> labels = stationIds.stream().map(id -> name(names, id)).toList();
		List<StockingFailureReason> reasons = counts.stream()
			.map(StockingStats.FailureCount::reason)
			.distinct()
			.sorted()
			.toList();
		List<ChartView.Series> series = new ArrayList<>();
		for (StockingFailureReason reason : reasons) {
			List<Long> data = stationIds.stream()
				.map(id -> counts.stream()
					.filter(c -> c.reason() == reason && java.util.Objects.equals(c.stationId(), id))
					.mapToLong(StockingStats.FailureCount::failures)
					.sum())
				.toList();
			series.add(new ChartView.Series(label(reason.name()), data, "failures",
					PALETTE.get(reason.ordinal() % PALETTE.size())));
		}
		List<String> columns = new ArrayList<>(List.of("Station"));
		reasons.forEach(r -> columns.add(label(r.name())));
		columns.add("Total");
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < stationIds.size(); i++) {
			List<String> row = new ArrayList<>(List.of(labels.get(i)));
			long total = 0;
			for (ChartView.Series s : series) {
				long v = s.data().get(i).longValue();
				total += v;
				row.add(Long.toString(v));
			}
			row.add(Long.toString(total));
			rows.add(row);
		}
		long all = counts.stream().mapToLong(StockingStats.FailureCount::failures).sum();
		return ChartView.bar("stocking-failures", "Stocking failures by reason and station",
				"Stacked bar chart of " + all + " stocking failures in the last 14 days, one bar per station, "
						+ "stacked by reason. The numbers are in the table below.",
				labels, series, true, "Station", "Failures", null, columns, rows);
	}

	ChartView notifications(Instant now, boolean daily) {
		ChronoUnit unit = daily ? ChronoUnit.DAYS : ChronoUnit.HOURS;
		int periods = daily ? 14 : 24;
		Instant last = daily ? now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant()
				: now.truncatedTo(ChronoUnit.HOURS);
		Instant first = last.minus(periods - 1, unit);
		var counts = notifications.byChannelAndOutcome(first, unit);
		List<Instant> starts = new ArrayList<>();
		for (int i = 0; i < periods; i++) {
			starts.add(first.plus(i, unit));
		}
		List<String> labels = starts.stream().map(daily ? DAY::format : HOUR::format).toList();
		Map<String, Map<Outcome, long[]>> grid = new LinkedHashMap<>();
		for (var c : counts) {
			int index = starts.indexOf(c.period());
			if (index < 0) {
				continue;
			}
			grid.computeIfAbsent(c.channel(), k -> new EnumMap<>(Outcome.class))
				.computeIfAbsent(c.outcome(), k -> new long[periods])[index] += c.notifications();
		}
		List<ChartView.Series> series = new ArrayList<>();
		List<List<String>> rows = new ArrayList<>();
		grid.forEach((channel, outcomes) -> outcomes.forEach((outcome, values) -> {
			List<String> shades = CHANNEL_SHADES.getOrDefault(channel, CHANNEL_SHADES.get("LOG"));
			series.add(new ChartView.Series(channel + " · " + label(outcome.name()),
					java.util.Arrays.stream(values).boxed().toList(), channel, shades.get(outcome.ordinal())));
			for (int i = 0; i < periods; i++) {
				if (values[i] > 0) {
					rows.add(List.of(labels.get(i), channel, label(outcome.name()), Long.toString(values[i])));
				}
			}
		}));
		rows.sort(java.util.Comparator.comparing((List<String> r) -> labels.indexOf(r.get(0))));
		long all = counts.stream().mapToLong(NotificationStats.Count::notifications).sum();
		String over = daily ? "the last 14 days, by day (UTC)" : "the last 24 hours, by hour (UTC)";
		return ChartView.bar("notifications", "Notifications by channel and outcome",
				"Stacked bar chart of " + all + " notifications in " + over
						+ ", one stack per channel, split by outcome. The numbers are in the table below.",
				labels, series, true, daily ? "Day (UTC)" : "Hour (UTC)", "Notifications", null,
				List.of(daily ? "Day (UTC)" : "Hour (UTC)", "Channel", "Outcome", "Notifications"), rows);
	}

	ChartView onTime(Instant since, Map<UUID, String> names) {
		var stats = eta.onTimeByStation(since);
		List<String> labels = stats.stream().map(s -> name(names, s.stationId())).toList();
		List<Double> percent = stats.stream().map(EtaStats.OnTime::percent).toList();
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < stats.size(); i++) {
			var s = stats.get(i);
			rows.add(List.of(labels.get(i), Long.toString(s.delivered()), Long.toString(s.early()),
					Long.toString(s.onTime()), Long.toString(s.late()), s.percent() + " %"));
		}
		long delivered = stats.stream().mapToLong(EtaStats.OnTime::delivered).sum();
		return new ChartView("on-time", "On-time rate against the ETA window",
				"Bar chart of the share of " + delivered + " deliveries in the last 14 days that arrived inside the "
						+ "ETA window the customer was told, per station, in percent. The numbers are in the table below.",
				delivered == 0,
				ChartView.spec(labels, List.of(new ChartView.Series("On time (%)", percent, null, PALETTE.get(2))), false,
						"Station", "On time (%)", 100),
				List.of("Station", "Delivered", "Early", "On time", "Late", "On time (%)"), rows);
	}

	ChartView etaError(Instant since) {
		var bins = eta.etaErrorHistogram(since);
		List<String> labels = new ArrayList<>();
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < bins.size(); i++) {
			int from = bins.get(i).fromMinutes();
			int to = from + EtaStats.BIN_MINUTES;
			String label = i == 0 ? "< " + to : i == bins.size() - 1 ? "≥ " + from : from + " to " + to;
			labels.add(label);
			rows.add(List.of(label + " min", Long.toString(bins.get(i).stops())));
		}
		long stops = bins.stream().mapToLong(EtaStats.ErrorBin::stops).sum();
		return ChartView.bar("eta-error", "ETA error",
				"Histogram of the ETA error of " + stops + " deliveries in the last 14 days: arrival minus the middle "
						+ "of the window the customer was told, in " + EtaStats.BIN_MINUTES
						+ "-minute bins; negative is early. The numbers are in the table below.",
				labels, List.of(new ChartView.Series("Deliveries", bins.stream().map(EtaStats.ErrorBin::stops).toList(),
						null, PALETTE.get(0))),
				false, "Arrival minus window middle (minutes)", "Deliveries", null, List.of("Error", "Deliveries"),
				rows);
	}

	/** OUT_OF_STOCK → "out of stock". */
	static String label(String constant) {
		return constant.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
	}

}
