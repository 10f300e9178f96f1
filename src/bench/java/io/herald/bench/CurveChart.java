package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The latency-throughput curve as an SVG image, written by hand (no charting library in the benchmark): offered load
 * on x (share of the measured capacity, and reports/s), latency on a logarithmic y axis; p50 and p99 as the
 * receivers saw them (report accepted to message received, solid) and as Herald recorded them (event to sent,
 * dashed).
 */
final class CurveChart {

	private static final int WIDTH = 960, HEIGHT = 480, LEFT = 80, RIGHT = 350, TOP = 70, BOTTOM = 80;

	private static final int PLOT_W = WIDTH - LEFT - RIGHT, PLOT_H = HEIGHT - TOP - BOTTOM;

	private record Series(String label, String color, boolean dashed, ToDoubleFunction<LoadPhases.Step> millis) {
	}

	private CurveChart() {
	}

	/**
	 * @param title first line, e.g. "Herald loop: latency against load, single-report requests"
	 * @param subtitle second line: date, machine, capacity
	 * @param received what the receivers' series measure, e.g. "report accepted -> webhook received"
	 */
	static void write(Path file, String title, String subtitle, String received, List<LoadPhases.Step> steps)
			throws IOException {
		List<Series> series = List.of(
				new Series(received + " p50", "#1f77b4", false, s -> s.receipt().exactMillis(50)),
				new Series(received + " p99", "#d62728", false, s -> s.receipt().exactMillis(99)),
				new Series("inside Herald, event -> sent p50", "#1f77b4", true, s -> s.inside()[0]),
				new Series("inside Herald, event -> sent p99", "#d62728", true, s -> s.inside()[1]));
		double lo = Double.MAX_VALUE, hi = 0;
		for (Series line : series) {
			for (LoadPhases.Step step : steps) {
				double v = clamp(line.millis().applyAsDouble(step));
				if (!Double.isNaN(v)) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
			}
		}
		if (hi == 0) {
			lo = 1;
			hi = 10;
		}
		int firstDecade = (int) Math.floor(Math.log10(lo)), lastDecade = (int) Math.ceil(Math.log10(hi));
		if (lastDecade == firstDecade) {
			lastDecade++;
		}
		Scale y = new Scale(firstDecade, lastDecade);

		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
		text(svg, LEFT, 28, "start", 16, "bold", title);
		text(svg, LEFT, 48, "start", 12, "normal", subtitle);
		// y grid: every decade labelled, 2 and 5 in between lighter
		for (int d = firstDecade; d <= lastDecade; d++) {
			for (int m : new int[] { 1, 2, 5 }) {
				double v = m * Math.pow(10, d);
				if (d == lastDecade && m > 1) {
					break;
				}
				double py = y.at(v);
				line(svg, LEFT, py, LEFT + PLOT_W, py, m == 1 ? "#bbbbbb" : "#e5e5e5");
				text(svg, LEFT - 6, py + 4, "end", m == 1 ? 12 : 10, "normal", formatMillis(v));
			}
		}
		// x axis: share of capacity and the rate it meant
		for (LoadPhases.Step step : steps) {
			double px = x(step.percent());
			line(svg, px, TOP, px, TOP + PLOT_H, "#e5e5e5");
			text(svg, px, TOP + PLOT_H + 18, "middle", 12, "normal", step.percent() + "%");
			text(svg, px, TOP + PLOT_H + 34, "middle", 11, "normal",
					String.format(Locale.ROOT, "%.0f/s", step.offered()));
		}
		line(svg, LEFT, TOP + PLOT_H, LEFT + PLOT_W, TOP + PLOT_H, "#333333");
		line(svg, LEFT, TOP, LEFT, TOP + PLOT_H, "#333333");
		text(svg, LEFT + PLOT_W / 2.0, HEIGHT - 18, "middle", 12, "normal",
				"offered load: share of the measured capacity, reports per second");
		svg.append(String.format(Locale.ROOT,
				"<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">latency (ms, log scale)</text>%n",
				TOP + PLOT_H / 2.0, TOP + PLOT_H / 2.0));
		// the lines, with their values at the points
		int legend = 0;
		for (Series s : series) {
			List<double[]> points = new ArrayList<>();
			for (LoadPhases.Step step : steps) {
				double v = clamp(s.millis().applyAsDouble(step));
				if (!Double.isNaN(v)) {
					points.add(new double[] { x(step.percent()), y.at(v), v });
				}
			}
			StringBuilder path = new StringBuilder();
			for (double[] p : points) {
				path.append(path.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", p[0], p[1]));
			}
			svg.append(String.format(Locale.ROOT,
					"<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", path, s.color(),
					s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
			for (double[] p : points) {
				svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", p[0],
						p[1], s.color()));
				if (!s.dashed()) {
					text(svg, p[0] + 6, p[1] - 6, "start", 10, "normal", formatMillis(p[2]));
				}
			}
			double ly = TOP + 10 + legend++ * 20;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
					LEFT + PLOT_W + 14.0, ly, LEFT + PLOT_W + 44.0, ly, s.color(),
					s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
			text(svg, LEFT + PLOT_W + 50, ly + 4, "start", 11, "normal", s.label());
		}
		svg.append("</svg>\n");
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(file, svg);
	}

	/** Log scale from 10^first to 10^last ms over the plot's height. */
	private record Scale(int first, int last) {

		double at(double millis) {
			double share = (Math.log10(millis) - first) / (last - first);
			return TOP + PLOT_H - share * PLOT_H;
		}

	}

	private static double x(int percent) {
		// 0% at the left axis, 100% a little short of the right edge
		return LEFT + percent / 110.0 * PLOT_W;
	}

	/** A log scale cannot show 0: anything under 0.1 ms is drawn at 0.1 ms. */
	private static double clamp(double millis) {
		return Double.isNaN(millis) ? millis : Math.max(0.1, millis);
	}

	private static String formatMillis(double millis) {
		return millis >= 10 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
	}

	private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String color) {
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"/>%n", x1, y1,
				x2, y2, color));
	}

	private static void text(StringBuilder svg, double x, double y, String anchor, int size, String weight,
			String content) {
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>%n", x, y,
				anchor, size, weight, escape(content)));
	}

	private static String escape(String s) {
		// the console's "->" as a real arrow
		return s.replace("&", "&amp;").replace("->", "\u2192").replace("<", "&lt;").replace(">", "&gt;");
	}

}
