package io.herald.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herald.HeraldApplication;

/**
 * Another Herald node in a child JVM, on the same PostgreSQL as a {@link HeraldUnderTest} and with its settings (see
 * {@link HeraldUnderTest#propertiesForAnotherNode()}), running this JVM's class path, so that it can die the way a
 * crashed server does: {@link #kill()} is SIGKILL, without graceful shutdown, outcomes not written, leases left
 * behind. Its log goes to a temporary file, quoted if it fails to start.
 */
final class HeraldChildNode implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path log;

	private HeraldChildNode(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts the node and waits until it is ready to take requests. */
	static HeraldChildNode start(HeraldUnderTest first, Map<String, Object> overrides) throws Exception {
		Map<String, Object> properties = first.propertiesForAnotherNode();
		properties.putAll(overrides);
		int port = freePort();
		properties.put("server.port", port);
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(
				List.of(java, "-cp", System.getProperty("java.class.path"), HeraldApplication.class.getName()));
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		Path log = Files.createTempFile("herald-node-", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		HeraldChildNode node = new HeraldChildNode(process, port, log);
		try {
			node.awaitReady(Duration.ofMinutes(3));
			return node;
		}
		catch (Exception e) {
			node.close();
			throw e;
		}
	}

	private void awaitReady(Duration limit) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the second Herald node exited with code " + process.exitValue()
						+ "; its log ends:\n" + logTail());
			}
			try {
				if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException e) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("the second Herald node was not ready after " + limit + "; its log ends:\n"
				+ logTail());
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

	/** SIGKILL, and waits until the process is gone. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (process.isAlive()) {
			kill();
		}
		Files.deleteIfExists(log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
