package io.herald.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of its own (zonky binaries) that a test or benchmark kills as a crash would ({@code kill -9} of
 * the postmaster: its backends exit as they notice, nothing is shut down cleanly) and starts again on the same data
 * directory and port, so that clients find it where it was once it has recovered from the crash.
 *
 * <p>
 * Commits are synchronous: a commit is acknowledged only after its WAL left PostgreSQL's memory, so a killed server
 * loses nothing it acknowledged. {@code fsync} is the caller's choice ({@code off} survives a killed process, not a
 * crashed machine, and is enough to prove that the application loses nothing).
 */
public final class KillablePostgres implements AutoCloseable {

	private final Path dataDir;

	private final int port;

	private final Map<String, String> serverConfig;

	private EmbeddedPostgres server;

	private KillablePostgres(Path dataDir, int port, Map<String, String> serverConfig) {
		this.dataDir = dataDir;
		this.port = port;
		this.serverConfig = serverConfig;
	}

	/** Starts a new cluster in a fresh temporary directory on a free loopback port. */
	public static KillablePostgres start(boolean fsync) throws IOException {
		KillablePostgres postgres = new KillablePostgres(Files.createTempDirectory("herald-killable-pg"),
				TestInfrastructure.freePort(),
				Map.of("fsync", fsync ? "on" : "off", "synchronous_commit", "on", "max_connections", "100"));
		postgres.server = postgres.launch();
		return postgres;
	}

	private EmbeddedPostgres launch() throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port)
			// crash recovery replays the WAL since the last checkpoint: allow for a slow, busy machine
			.setPGStartupWait(Duration.ofSeconds(120));
		serverConfig.forEach(builder::setServerConfig);
		return builder.start();
	}

	public int port() {
		return port;
	}

	public Path dataDir() {
		return dataDir;
	}

	/** The JDBC URL of a database on this server (user postgres, trusted). */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + port + "/" + database;
	}

	/** Creates an empty database. */
	public void createDatabase(String name) {
		sql("create database " + name);
	}

	/** Runs statements on the {@code postgres} database, each in its own transaction (ALTER SYSTEM needs that). */
	public void sql(String... statements) {
		try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
				Statement s = c.createStatement()) {
			for (String statement : statements) {
				s.execute(statement);
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A setting as a new session sees it, e.g. after ALTER SYSTEM and a reload. */
	public String setting(String name) {
		try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
				Statement s = c.createStatement();
				var rs = s.executeQuery("select current_setting('" + name.replace("'", "") + "')")) {
			rs.next();
			return rs.getString(1);
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The postmaster, from its pid file; empty once it is gone. */
	public Optional<ProcessHandle> postmaster() {
		try {
			List<String> pidFile = Files.readAllLines(dataDir.resolve("postmaster.pid"));
			return ProcessHandle.of(Long.parseLong(pidFile.get(0).trim())).filter(ProcessHandle::isAlive);
		}
		catch (IOException | RuntimeException e) {
			return Optional.empty();
		}
	}

	/**
	 * {@code kill -9} of the postmaster, then waits until its backends have noticed and exited too (until then the
	 * old shared memory is in use and a new postmaster would refuse to start). Its pid file stays behind, as after a
	 * crash.
	 */
	public void kill() throws InterruptedException {
		ProcessHandle postmaster = postmaster().orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
		List<ProcessHandle> backends = postmaster.descendants().toList();
		postmaster.destroyForcibly();
		waitForExit(postmaster);
		for (ProcessHandle backend : backends) {
			waitForExit(backend);
		}
	}

	private static void waitForExit(ProcessHandle process) throws InterruptedException {
		try {
			process.onExit().get(60, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
			// a backend that does not notice its postmaster's death within a minute is killed as well
			process.destroyForcibly();
		}
	}

	/**
	 * Starts the server again on the same data directory and port after {@link #kill()}; returns once it accepts
	 * connections (after its crash recovery).
	 */
	public void restart() throws IOException {
		// releases zonky's lock on the data directory; its "pg_ctl stop" finds no server and says so in the log
		server.close();
		server = launch();
	}

	@Override
	public void close() throws IOException {
		server.close();
		try (var files = Files.walk(dataDir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

}
