package io.herald.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line of the TSPLIB benchmarks: {@code --name=value} options, each declared with a default and a line of
 * help, and positional arguments (a file, a budget). An option nobody declared is an error, so a typo never silently
 * runs the defaults.
 */
final class TspOptions {

	private final String usage;

	private final Map<String, String> given = new LinkedHashMap<>();

	private final List<String> positional = new ArrayList<>();

	private final Map<String, String> help = new LinkedHashMap<>();

	private boolean helpRequested;

	TspOptions(String usage, String[] args) {
		this.usage = usage;
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h")) {
				helpRequested = true;
			}
			else if (arg.startsWith("--") && arg.contains("=")) {
				given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			else if (arg.startsWith("--")) {
				throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
			}
			else {
				positional.add(arg);
			}
		}
	}

	String text(String name, String defaultValue, String description) {
		help.put(name, String.format("  --%-22s %s (default %s)", name + "=...", description, defaultValue));
		return given.getOrDefault(name, defaultValue);
	}

	long number(String name, long defaultValue, String description) {
		String value = text(name, Long.toString(defaultValue), description);
		try {
			return Long.parseLong(value.replace("_", ""));
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'");
		}
	}

	List<String> positional() {
		return positional;
	}

	boolean helpRequested() {
		return helpRequested;
	}

	void rejectUnknown() {
		for (String name : given.keySet()) {
			if (!help.containsKey(name)) {
				throw new IllegalArgumentException("unknown option --" + name + "; see --help");
			}
		}
	}

	String help() {
		return "usage: " + usage + "\n\noptions:\n" + String.join("\n", help.values()) + "\n";
	}

}
