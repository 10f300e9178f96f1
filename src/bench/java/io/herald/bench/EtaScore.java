package io.herald.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.herald.routing.eta.EtaWindow;

/**
 * Scores the windows of one predictor over a simulated day. Every forecast of every stop counts, grouped by how long
 * before the actual arrival it was made; the "at N minutes" figures take, per stop, the window a customer was looking
 * at N minutes before the courier arrived (the last forecast made by then).
 */
final class EtaScore {

	/** Lead-time groups, in minutes before the actual arrival. */
	static final int[] LEADS = { 0, 15, 30, 60, 120, Integer.MAX_VALUE };

	/** Minutes before arrival at which the window on show is scored. */
	static final int[] AT = { 60, 30, 10 };

	/** Groups of stops finished when the forecast was made, to show learning. */
	static final int[] PROGRESS = { 0, 1, 5, 10, 20, Integer.MAX_VALUE };

	private final Tally[] byLead = new Tally[LEADS.length - 1];

	private final Tally[] at = new Tally[AT.length];

	/** Forecasts made 30-60 min before arrival, by the stops finished so far. */
	private final Tally[] byProgress = new Tally[PROGRESS.length - 1];

	private final Tally withinHour = new Tally();

	private final Tally all = new Tally();

	private final Duration widest;

	private final Duration horizon;

	private long widerThanWidest;

	/** Windows of stops predicted within the horizon, and how many of them are wider than the widest allowed. */
	private long predictedWithinHorizon;

	private long predictedWithinHorizonTooWide;

	private double maxWidthWithinHour;

	EtaScore(Duration widest, Duration horizon) {
		this.widest = widest;
		this.horizon = horizon;
		for (Tally[] tallies : new Tally[][] { byLead, at, byProgress }) {
			for (int i = 0; i < tallies.length; i++) {
				tallies[i] = new Tally();
			}
		}
	}

	/** One window, forecast at {@code madeAt} after {@code finished} stops, for a stop reached at {@code arrival}. */
	void forecast(Instant madeAt, int finished, EtaWindow window, Instant arrival) {
		double lead = minutes(madeAt, arrival);
		all.add(window, arrival);
		if (Duration.between(madeAt, window.predicted()).compareTo(horizon) <= 0) {
			predictedWithinHorizon++;
			if (window.width().compareTo(widest) > 0) {
				predictedWithinHorizonTooWide++;
			}
		}
		byLead[group(LEADS, lead)].add(window, arrival);
		if (lead <= 60) {
			withinHour.add(window, arrival);
			double width = window.width().toSeconds() / 60.0;
			maxWidthWithinHour = Math.max(maxWidthWithinHour, width);
			if (window.width().compareTo(widest) > 0) {
				widerThanWidest++;
			}
		}
		if (lead > 30 && lead <= 60) {
			byProgress[group(PROGRESS, finished)].add(window, arrival);
		}
	}

	/** The window on show {@code AT[i]} minutes before the arrival. */
	void shownAt(int i, EtaWindow window, Instant arrival) {
		at[i].add(window, arrival);
	}

	Tally withinHour() {
		return withinHour;
	}

	Tally all() {
		return all;
	}

	Tally at(int i) {
		return at[i];
	}

	void print(PrintStream out) {
		out.println("  made before arrival   forecasts  inside   width  abs err  bias (min; bias > 0: predicted late)");
		for (int i = 0; i < byLead.length; i++) {
			String label = LEADS[i + 1] == Integer.MAX_VALUE ? LEADS[i] + "+ min"
					: LEADS[i] + "-" + LEADS[i + 1] + " min";
			byLead[i].print(out, label);
		}
		withinHour.print(out, "within the hour");
		out.printf(Locale.ROOT,
				"    within the hour: widest window %.1f min, %.2f%% wider than %d min"
						+ " (stops predicted further away);%n"
						+ "    windows of stops predicted within %d min: %d, of which wider than %d min: %d%n",
				maxWidthWithinHour, 100.0 * widerThanWidest / Math.max(1, withinHour.count), widest.toMinutes(),
				horizon.toMinutes(), predictedWithinHorizon, widest.toMinutes(), predictedWithinHorizonTooWide);
		out.println("  window on show N min before arrival (one per stop)");
		for (int i = 0; i < AT.length; i++) {
			at[i].print(out, AT[i] + " min before");
		}
		out.println("  learning: forecasts made 30-60 min before arrival, by stops already finished");
		for (int i = 0; i < byProgress.length; i++) {
			String label = PROGRESS[i + 1] == Integer.MAX_VALUE ? PROGRESS[i] + "+ finished"
					: PROGRESS[i + 1] - PROGRESS[i] == 1 ? PROGRESS[i] + " finished"
							: PROGRESS[i] + "-" + (PROGRESS[i + 1] - 1) + " finished";
			byProgress[i].print(out, label);
		}
	}

	private static int group(int[] bounds, double value) {
		for (int i = bounds.length - 2; i > 0; i--) {
			if (value >= bounds[i]) {
				return i;
			}
		}
		return 0;
	}

	private static double minutes(Instant from, Instant to) {
		return Duration.between(from, to).toMillis() / 60_000.0;
	}

	/** Counts and sums of one group of windows. */
	static final class Tally {

		long count;

		long inside;

		double width;

		double absoluteError;

		double error;

		void add(EtaWindow window, Instant arrival) {
			count++;
			if (window.contains(arrival)) {
				inside++;
			}
			width += window.width().toSeconds() / 60.0;
			double e = minutes(arrival, window.predicted());
			absoluteError += Math.abs(e);
			error += e;
		}

		double insidePct() {
			return 100.0 * inside / Math.max(1, count);
		}

		double meanWidth() {
			return width / Math.max(1, count);
		}

		double meanAbsoluteError() {
			return absoluteError / Math.max(1, count);
		}

		void print(PrintStream out, String label) {
			out.printf(Locale.ROOT, "    %-18s %10d  %5.1f%%  %6.1f  %7.2f  %+5.2f%n", label, count, insidePct(),
					meanWidth(), meanAbsoluteError(), error / Math.max(1, count));
		}

	}

}
