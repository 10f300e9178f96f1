package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.herald.HeraldApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole Herald application started in this JVM the way it runs in production (real HTTP on a random port, its own
 * embedded PostgreSQL with default durability settings), but in a fresh temporary data directory so that every run
 * starts empty and leaves nothing behind.
 */
final class HeraldUnderTest implements AutoCloseable {

	private final Path dataDir;

	private final ConfigurableApplicationContext context;

	private final String adminKey;

	private HeraldUnderTest(Path dataDir, ConfigurableApplicationContext context, String adminKey) {
		this.dataDir = dataDir;
		this.context = context;
		this.adminKey = adminKey;
	}

	/**
	 * @param extraProperties overrides for this run, on top of the benchmark defaults
	 */
	static HeraldUnderTest start(Map<String, Object> extraProperties) throws IOException {
		Path dataDir = Files.createTempDirectory("herald-bench-");
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String adminKey = "bench-admin-" + HexFormat.of().formatHex(random);
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("herald.embedded-postgres.data-dir", dataDir.resolve("postgres").toString());
		properties.put("herald.security.bootstrap-admin-key", adminKey);
		// the log channel would write one line per notification to the console and compete for the same CPU
		properties.put("herald.notifications.channels", "webhook");
		// the benchmark's webhook receiver listens on loopback
		properties.put("herald.outbound.allow-private-networks", "true");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.main.log-startup-info", "false");
		properties.put("logging.level.root", "WARN");
		properties.putAll(extraProperties);
		// as command-line arguments: builder "properties" are defaults that application.properties would override
		// (server.port=${PORT:8080}, the data directory under ./data)
		String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HeraldApplication.class).run(args);
		return new HeraldUnderTest(dataDir, context, adminKey);
	}

	int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	String adminKey() {
		return adminKey;
	}

	DataSource dataSource() {
		return context.getBean(DataSource.class);
	}

	/**
	 * The PostgreSQL server process (its backends are its children), from its pid file; null if not found. It is not
	 * a child of this JVM: pg_ctl starts it detached.
	 */
	ProcessHandle postmaster() {
		try {
			Path pidFile = Path.of(postgresDataDirectory(), "postmaster.pid");
			String pid = Files.readAllLines(pidFile).get(0).trim();
			return ProcessHandle.of(Long.parseLong(pid)).orElse(null);
		}
		catch (IOException | SQLException | RuntimeException e) {
			return null;
		}
	}

	/** Where the PostgreSQL Herald talks to keeps its data, as the server itself says. */
	String postgresDataDirectory() throws SQLException {
		try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("show data_directory")) {
			rs.next();
			return rs.getString(1);
		}
	}

	/**
	 * Events committed but not yet handled by the asynchronous listeners (Spring Modulith runs each
	 * {@code @ApplicationModuleListener} call as a task on the application task executor); -1 if unknown.
	 */
	/** Delivery rows not yet sent: the dispatcher's backlog. */
	int unsentDeliveries() {
		try (Connection c = dataSource().getConnection();
				PreparedStatement s = c.prepareStatement(
						"select count(*) from notification_delivery where status in ('PENDING', 'FAILED')");
				ResultSet rs = s.executeQuery()) {
			rs.next();
			return rs.getInt(1);
		}
		catch (SQLException e) {
			return -1;
		}
	}

	@Override
	public void close() throws IOException {
		context.close();
		try (Stream<Path> files = Files.walk(dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
	}

}
