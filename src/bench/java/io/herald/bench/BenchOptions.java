package io.herald.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Integer and text options of one benchmark. Each can be given as {@code --name=value} or in the environment as
 * {@code PREFIX_NAME} (upper case, dashes as underscores), so that bench/run stays one command either way; the
 * command line wins.
 */
final class BenchOptions {

	private final String benchmark;

	private final Map<String, Option> options = new LinkedHashMap<>();

	private final Map<String, String> given = new LinkedHashMap<>();

	private final StringBuilder notes = new StringBuilder();

	BenchOptions(String benchmark, String[] args) {
		this.benchmark = benchmark;
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				given.put("help", "true");
				continue;
			}
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
			}
			given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
	}

	/** Declares an integer option and returns its value. */
	int integer(String name, int defaultValue, String description) {
		options.put(name, new Option("N", Integer.toString(defaultValue), description));
		String value = value(name);
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value.trim().replace("_", ""));
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
		}
	}

	/**
	 * Declares a text option and returns its value, or null when it is not given.
	 * @param placeholder what the value is, e.g. FILE
	 */
	String text(String name, String placeholder, String description) {
		options.put(name, new Option(placeholder, "none", description));
		String value = value(name);
		return value == null || value.isBlank() ? null : value.trim();
	}

	private String value(String name) {
		String value = given.get(name);
		return value != null ? value : System.getenv(envName(name));
	}

	/** A paragraph for the end of --help (e.g. the environment variables a benchmark reads). */
	void note(String text) {
		notes.append('\n').append(text).append('\n');
	}

	boolean helpRequested() {
		return given.containsKey("help");
	}

	/** Fails on options nobody declared: a typo must not silently run the defaults. */
	void rejectUnknown() {
		for (String name : given.keySet()) {
			if (!name.equals("help") && !options.containsKey(name)) {
				throw new IllegalArgumentException("unknown option --" + name + "; see bench/run " + benchmark
						+ " --help");
			}
		}
	}

	String help() {
		StringBuilder text = new StringBuilder("usage: bench/run " + benchmark + " [--option=value ...]\n\noptions:\n");
		options.forEach((name, option) -> text.append(String.format("  --%-22s %-8s %s (env %s)%n",
				name + "=" + option.placeholder, option.defaultValue, option.description, envName(name))));
		return text.append(notes).toString();
	}

	private String envName(String name) {
		return (benchmark + "_" + name).toUpperCase().replace('-', '_');
	}

	private record Option(String placeholder, String defaultValue, String description) {
	}

}
