package io.herald.console;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * One chart of the overview: what Chart.js draws (the {@code spec}, handed to console.js as JSON in a data
 * attribute, so the page needs no inline script) and the same numbers as a table for people who would rather read,
 * or cannot see the chart.
 *
 * @param label the chart's text alternative (aria-label)
 * @param empty no data yet: the page says so instead of drawing an empty chart
 */
record ChartView(String id, String title, String label, boolean empty, String spec, List<String> columns,
		List<List<String>> rows) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One series: its label, values per x label, the stack it belongs to (or null) and its colour. */
	record Series(String label, List<? extends Number> data, String stack, String colour) {
	}

	static ChartView bar(String id, String title, String label, List<String> labels, List<Series> series,
			boolean stacked, String xTitle, String yTitle, Integer max, List<String> columns, List<List<String>> rows) {
		boolean empty = series.isEmpty() || series.stream()
			.allMatch(s -> s.data().stream().allMatch(v -> v.doubleValue() == 0));
		return new ChartView(id, title, label, empty, spec(labels, series, stacked, xTitle, yTitle, max), columns,
				rows);
	}

	/** What Chart.js draws for a bar chart, as JSON. */
	static String spec(List<String> labels, List<Series> series, boolean stacked, String xTitle, String yTitle,
			Integer max) {
		var spec = new java.util.LinkedHashMap<String, Object>();
		spec.put("labels", labels);
		spec.put("datasets", series.stream().map(s -> {
			var d = new java.util.LinkedHashMap<String, Object>();
			d.put("label", s.label());
			d.put("data", s.data());
			if (s.stack() != null) {
				d.put("stack", s.stack());
			}
			d.put("colour", s.colour());
			return d;
		}).toList());
		spec.put("stacked", stacked);
		spec.put("xTitle", xTitle);
		spec.put("yTitle", yTitle);
		if (max != null) {
			spec.put("max", max);
		}
		return JSON.writeValueAsString(spec);
	}

}
