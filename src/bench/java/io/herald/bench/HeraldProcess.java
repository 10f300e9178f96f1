package io.herald.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Herald in a JVM of its own ({@link HeraldBenchNode}, this JVM's class path), the way it runs in production: real
 * HTTP on a random port and, for the first node, its own embedded PostgreSQL with default durability settings in a
 * fresh temporary data directory, so that every run starts empty and leaves nothing behind. The benchmark's JVM keeps
 * only the load generator and the receivers, so that what the Herald JVM and PostgreSQL spend is Herald's alone.
 *
 * <p>Its output goes to a temporary log file, quoted when it fails to start. {@link #close()} stops it gracefully
 * (SIGTERM: Spring stops the embedded PostgreSQL on the way out) and, should that fail, kills it and stops its
 * PostgreSQL itself.
 */
final class HeraldProcess implements AutoCloseable {

	private static final HttpClient CONTROL = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Process process;

	private final Path workDir;

	private final Path log;

	/** The embedded PostgreSQL's data directory; null for a node on another node's database. */
	private final Path postgresDir;

	private final String adminKey;

	/** The command-line properties it was started with. */
	private final Map<String, Object> properties;

	private int port;

	private int controlPort;

	private HeraldDatabase database;

	private boolean closed;

	/** Set once this side kills or stops the node: an exit before that is a failure worth a look at its log. */
	private volatile boolean ending;

	private HeraldProcess(Process process, Path workDir, Path log, Path postgresDir, String adminKey,
			Map<String, Object> properties) {
		this.process = process;
		this.workDir = workDir;
		this.log = log;
		this.postgresDir = postgresDir;
		this.adminKey = adminKey;
		this.properties = properties;
	}

	/**
	 * Starts Herald on a fresh embedded PostgreSQL, with the JVM options of the environment variable
	 * {@code HERALD_JAVA_OPTS} (e.g. a JFR recording of Herald alone), and waits until it is ready.
	 * @param extraProperties overrides for this run, on top of the benchmark defaults
	 */
	static HeraldProcess start(Map<String, Object> extraProperties) throws Exception {
		Path workDir = Files.createTempDirectory("herald-bench-");
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String adminKey = "bench-admin-" + HexFormat.of().formatHex(random);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("herald.embedded-postgres.data-dir", workDir.resolve("postgres").toString());
		properties.put("herald.security.bootstrap-admin-key", adminKey);
		// the log channel would write one line per notification and compete for the same CPU. The live channel
		// records every change for the tracking pages' streams, as in production; with no customer channel it copies
		// no message, so it adds no delivery row
		properties.put("herald.notifications.channels", "webhook,live");
		// the benchmark's receivers listen on loopback
		properties.put("herald.outbound.allow-private-networks", "true");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		properties.putAll(extraProperties);
		String javaOpts = Optional.ofNullable(System.getenv("HERALD_JAVA_OPTS")).orElse("");
		return launch(workDir, workDir.resolve("postgres"), adminKey, properties, javaOpts);
	}

	/**
	 * Starts another node on this node's database, with the same settings except its HTTP port, embedded database
	 * and admin key, and without {@code HERALD_JAVA_OPTS} (a profile is of the first node).
	 */
	HeraldProcess startAnother(Map<String, Object> overrides) throws Exception {
		Map<String, Object> shared = new LinkedHashMap<>(properties);
		shared.keySet().removeAll(List.of("herald.embedded-postgres.data-dir", "herald.security.bootstrap-admin-key"));
		// the embedded server trusts local connections: no password
		shared.put("spring.datasource.url", database().jdbcUrl());
		shared.put("spring.datasource.username", HeraldDatabase.USER);
		shared.putAll(overrides);
		return launch(Files.createTempDirectory("herald-node-"), null, null, shared, "");
	}

	private static HeraldProcess launch(Path workDir, Path postgresDir, String adminKey,
			Map<String, Object> properties, String javaOpts) throws Exception {
		Path ready = workDir.resolve("ready");
		Path log = Files.createTempFile("herald-bench-node-", ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		Stream.of(javaOpts.trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(command::add);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), HeraldBenchNode.class.getName(),
				ready.toString()));
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		// stdin stays a pipe that is never written: the node exits when it closes, i.e. when this JVM is gone
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		HeraldProcess node = new HeraldProcess(process, workDir, log, postgresDir, adminKey, properties);
		Runtime.getRuntime().addShutdownHook(new Thread(node::closeQuietly, "herald-node-close"));
		try {
			node.awaitReady(ready, Duration.ofMinutes(3));
			return node;
		}
		catch (Exception e) {
			// the exception quotes the log already
			node.ending = true;
			node.close();
			throw e;
		}
	}

	private void awaitReady(Path ready, Duration limit) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!Files.exists(ready)) {
			failIfGone();
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Herald was not up after " + limit + "; its log ends:\n" + logTail());
			}
			Thread.sleep(100);
		}
		for (String word : Files.readString(ready).trim().split(" ")) {
			String[] pair = word.split("=");
			if (pair[0].equals("http")) {
				port = Integer.parseInt(pair[1]);
			}
			else if (pair[0].equals("control")) {
				controlPort = Integer.parseInt(pair[1]);
			}
		}
		HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		while (true) {
			failIfGone();
			try {
				if (CONTROL.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException e) {
				// not answering yet
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Herald was not ready after " + limit + "; its log ends:\n" + logTail());
			}
			Thread.sleep(100);
		}
	}

	private void failIfGone() throws IOException {
		if (!process.isAlive()) {
			throw new IllegalStateException(
					"Herald exited with code " + process.exitValue() + "; its log ends:\n" + logTail());
		}
	}

	private String logTail() throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	int port() {
		return port;
	}

	long pid() {
		return process.pid();
	}

	String adminKey() {
		return adminKey;
	}

	/** Herald's database as the benchmark reaches it over JDBC (the first node's embedded PostgreSQL). */
	synchronized HeraldDatabase database() throws IOException {
		if (database == null) {
			if (postgresDir == null) {
				throw new IllegalStateException("this node uses another node's database");
			}
			database = new HeraldDatabase(postgresDir);
		}
		return database;
	}

	/** Stops this node's notification dispatcher (in-flight sends finish first); it keeps accepting reports. */
	void pauseDispatch() throws Exception {
		control("POST", "/pause-dispatch");
	}

	/** Starts the dispatcher again after {@link #pauseDispatch()}. */
	void resumeDispatch() throws Exception {
		control("POST", "/resume-dispatch");
	}

	/** JIT, GC and CPU totals of the Herald JVM, as it reports them itself. */
	NodeStats stats() throws Exception {
		Map<String, Long> values = new LinkedHashMap<>();
		for (String word : control("GET", "/stats").trim().split(" ")) {
			String[] pair = word.split("=");
			values.put(pair[0], Long.parseLong(pair[1]));
		}
		return new NodeStats(values.get("jit_ms"), values.get("gc_count"), values.get("gc_ms"));
	}

	/** The soak's look at Herald once a minute: heap after a full GC, open and busy pool connections. */
	Map<String, Long> soakStats() throws Exception {
		Map<String, Long> values = new LinkedHashMap<>();
		for (String word : control("GET", "/soak").trim().split(" ")) {
			String[] pair = word.split("=");
			values.put(pair[0], Long.parseLong(pair[1]));
		}
		return values;
	}

	/** Totals since the Herald JVM started; the benchmark takes differences. */
	record NodeStats(long jitMillis, long gcCount, long gcMillis) {
	}

	private String control(String method, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path))
			.timeout(Duration.ofMinutes(1))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = CONTROL.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/** SIGKILL, as a crashed server dies (no graceful shutdown), and waits until the process is gone. */
	void kill() throws InterruptedException {
		ending = true;
		process.destroyForcibly();
		process.waitFor();
	}

	/**
	 * Stops the node gracefully, or kills it after a minute, then makes sure its PostgreSQL is gone too (a killed JVM
	 * leaves it running) and removes its files.
	 */
	@Override
	public synchronized void close() throws Exception {
		if (closed) {
			return;
		}
		closed = true;
		if (database != null) {
			database.close();
		}
		if (!ending && !process.isAlive()) {
			System.err.println("Herald (pid " + process.pid() + ") exited by itself with code " + process.exitValue()
					+ "; its log ends:\n" + logTail());
		}
		ending = true;
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				kill();
			}
		}
		process.getOutputStream().close();
		if (postgresDir != null) {
			HeraldDatabase.stopPostmaster(postgresDir);
		}
		try (Stream<Path> files = Files.walk(workDir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		Files.deleteIfExists(log);
	}

	private void closeQuietly() {
		try {
			close();
		}
		catch (Exception e) {
			System.err.println("could not stop Herald (pid " + process.pid() + "): " + e);
		}
	}

}
