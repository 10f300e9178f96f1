package io.herald.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Integer options of one benchmark. Each can be given as {@code --name=value} or in the environment as
 * {@code PREFIX_NAME} (upper case, dashes as underscores), so that bench/run stays one command either way; the
 * command line wins.
 */
final class BenchOptions {

	private final String benchmark;

	private final Map<String, Option> options = new LinkedHashMap<>();

	private final Map<String, String> given = new LinkedHashMap<>();

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

	/** Declares an option and returns its value. */
	int integer(String name, int defaultValue, String description) {
		options.put(name, new Option(defaultValue, description));
		String value = given.get(name);
		if (value == null) {
			value = System.getenv(envName(name));
		}
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
		options.forEach((name, option) -> text.append(String.format("  --%-18s %-8s %s (env %s)%n", name + "=N",
				option.defaultValue, option.description, envName(name))));
		return text.toString();
	}

	private String envName(String name) {
		return (benchmark + "_" + name).toUpperCase().replace('-', '_');
	}

	private record Option(int defaultValue, String description) {
	}

}
