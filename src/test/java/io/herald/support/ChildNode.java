package io.herald.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herald.HeraldApplication;

/**
 * A Herald node in a JVM of its own, for the tests that kill one outright (SIGKILL: no shutdown hooks, nothing
 * flushed). It is started with the test JVM's own java binary and classpath. Surefire runs the tests from a
 * manifest-only jar but sets {@code java.class.path} to the real test classpath (test classes, classes and every
 * dependency); were it the manifest-only jar itself, {@code java -cp} would honour its Class-Path just as well. The
 * classpath is passed in a java argument file, so its length never meets the command-line limit.
 */
public final class ChildNode {

	private ChildNode() {
	}

	/**
	 * Starts Herald with these properties (as command-line arguments), its output to {@code log}. The child is killed
	 * should this JVM exit first.
	 */
	public static Process start(Map<String, ?> properties, Path log) throws IOException {
		Path work = log.toAbsolutePath().getParent();
		Files.createDirectories(work);
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		Path argFile = work.resolve("classpath.argfile");
		Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n",
				StandardCharsets.UTF_8);
		List<String> command = new ArrayList<>(List.of(java, "@" + argFile.toAbsolutePath(),
				// a quick start on a small machine matters more here than peak speed
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", HeraldApplication.class.getName()));
		command.addAll(List.of(Nodes.args(properties)));
		Process child = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(new File(System.getProperty("user.dir")))
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
		return child;
	}

	/** Whether the node answers {@code /actuator/health} with 200. */
	public static boolean healthy(Api api) {
		try {
			return api.get("/actuator/health", null).status() == 200;
		}
		catch (IllegalStateException e) {
			return false; // not listening yet
		}
	}

	/** The last lines of a log, for a failure message. */
	public static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException e) {
			return "(no log: " + e.getMessage() + ")";
		}
	}

}
