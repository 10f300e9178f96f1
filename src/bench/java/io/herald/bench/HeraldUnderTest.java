package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.herald.HeraldApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.Lifecycle;

/**
 * The whole Herald application started in this JVM the way it runs in production (real HTTP on a random port, its own
 * embedded PostgreSQL with default durability settings), but in a fresh temporary data directory so that every run
 * starts empty and leaves nothing behind.
 */
final class HeraldUnderTest implements AutoCloseable {

	private final Path dataDir;

	private final ConfigurableApplicationContext context;

	private final String adminKey;

	/** The properties it was started with. */
	private final Map<String, Object> properties;

	private HeraldUnderTest(Path dataDir, ConfigurableApplicationContext context, String adminKey,
			Map<String, Object> properties) {
		this.dataDir = dataDir;
		this.context = context;
		this.adminKey = adminKey;
		this.properties = properties;
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
		// the log channel would write one line per notification to the console and compete for the same CPU. The live
		// channel records every change for the tracking pages' streams, as in production; with no customer channel
		// it copies no message, so it adds no delivery row
		properties.put("herald.notifications.channels", "webhook,live");
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
		return new HeraldUnderTest(dataDir, context, adminKey, properties);
	}

	/**
	 * Command-line properties for another Herald node on this one's database: the same settings, except this node's
	 * HTTP port, embedded database and admin key.
	 */
	Map<String, Object> propertiesForAnotherNode() throws SQLException {
		Map<String, Object> shared = new HashMap<>(properties);
		shared.keySet().removeAll(List.of("server.port", "herald.embedded-postgres.data-dir",
				"herald.security.bootstrap-admin-key"));
		try (Connection c = dataSource().getConnection()) {
			// the embedded server trusts local connections: no password
			shared.put("spring.datasource.url", c.getMetaData().getURL());
			shared.put("spring.datasource.username", c.getMetaData().getUserName());
		}
		return shared;
	}

	/**
	 * Stops this node's notification dispatcher (in-flight sends finish first), so that other nodes send alone; Herald
	 * keeps accepting reports and writing deliveries meanwhile.
	 */
	void pauseDispatch() {
		dispatcher().stop();
	}

	/** Starts the dispatcher again after {@link #pauseDispatch()}. */
	void resumeDispatch() {
		dispatcher().start();
	}

	private Lifecycle dispatcher() {
		// by name: the class is internal to the notification module
		return context.getBean("deliveryDispatcher", Lifecycle.class);
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
	 * Percentiles of Herald's own event-to-send time (sent_at - event_occurred_at) over the sent deliveries about these
	 * orders, in milliseconds.
	 * @param channels WEBHOOK, SMS, ...; none for every channel
	 * @return p50 and p99; NaN without sent deliveries
	 */
	double[] eventToSentMillis(Collection<UUID> orders, String... channels) throws SQLException {
		try (Connection c = dataSource().getConnection();
				PreparedStatement s = c.prepareStatement("""
						select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from sent_at - event_occurred_at))
						from notification_delivery where order_id = any(?) and sent_at is not null
						  and (cardinality(?) = 0 or channel = any(?))""")) {
			s.setArray(1, c.createArrayOf("uuid", orders.toArray()));
			s.setArray(2, c.createArrayOf("text", channels));
			s.setArray(3, c.createArrayOf("text", channels));
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				Array percentiles = rs.getArray(1);
				if (percentiles == null) {
					return new double[] { Double.NaN, Double.NaN };
				}
				Double[] seconds = (Double[]) percentiles.getArray();
				return new double[] { seconds[0] * 1000, seconds[1] * 1000 };
			}
		}
	}

	/**
	 * What Herald's own delivery table says: retries or dead deliveries would explain latency tails and losses.
	 * @param byStatus delivery rows per status
	 * @param retried rows that needed more than one attempt
	 */
	record DeliveryRows(Map<String, Long> byStatus, long retried) {
	}

	DeliveryRows deliveryRows() throws SQLException {
		Map<String, Long> byStatus = new LinkedHashMap<>();
		try (Connection c = dataSource().getConnection()) {
			try (PreparedStatement s = c.prepareStatement(
					"select status, count(*) from notification_delivery group by status order by status");
					ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					byStatus.put(rs.getString(1), rs.getLong(2));
				}
			}
			String retried = "select count(*) from notification_delivery where attempts > 1";
			try (PreparedStatement s = c.prepareStatement(retried); ResultSet rs = s.executeQuery()) {
				rs.next();
				return new DeliveryRows(byStatus, rs.getLong(1));
			}
		}
	}

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
