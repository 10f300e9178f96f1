package io.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Herald's embedded PostgreSQL as the benchmark reaches it from its own JVM: the port from the server's
 * {@code postmaster.pid}, database and user "postgres" as in Herald's EmbeddedPostgresConfiguration (the server
 * trusts local connections). A small pool, so that the benchmark's queries do not fork a backend each (PostgreSQL's
 * CPU is measured). The queries are what the benchmarks check Herald's work with.
 */
final class HeraldDatabase implements AutoCloseable {

	static final String USER = "postgres";

	private final Path dataDir;

	private final String jdbcUrl;

	private final HikariDataSource pool;

	HeraldDatabase(Path dataDir) throws IOException {
		this.dataDir = dataDir;
		// postmaster.pid: pid, data directory, start time, port, ...
		List<String> pidFile = Files.readAllLines(dataDir.resolve("postmaster.pid"));
		this.jdbcUrl = "jdbc:postgresql://localhost:" + pidFile.get(3).trim() + "/postgres";
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setUsername(USER);
		config.setPoolName("bench");
		config.setMaximumPoolSize(4);
		config.setMinimumIdle(1);
		this.pool = new HikariDataSource(config);
	}

	String jdbcUrl() {
		return jdbcUrl;
	}

	String dataDirectory() {
		return dataDir.toString();
	}

	/** The pooled connections, for the benchmark's own queries. */
	DataSource dataSource() {
		return pool;
	}

	/** A fresh connection per request, for the commit probe that holds more connections than the pool. */
	DataSource unpooled() {
		PGSimpleDataSource plain = new PGSimpleDataSource();
		plain.setURL(jdbcUrl);
		plain.setUser(USER);
		return plain;
	}

	/**
	 * The PostgreSQL server process (its backends are its children), from its pid file; empty once it is gone. Its
	 * parent is the Herald JVM, but a killed JVM leaves it running.
	 */
	static Optional<ProcessHandle> postmaster(Path dataDir) {
		try {
			String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
			return ProcessHandle.of(Long.parseLong(pid))
				.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
		}
		catch (IOException | RuntimeException e) {
			return Optional.empty();
		}
	}

	Optional<ProcessHandle> postmaster() {
		return postmaster(dataDir);
	}

	/** Stops the server if it still runs: SIGTERM (its clients are gone, so a smart shutdown ends), then SIGKILL. */
	static void stopPostmaster(Path dataDir) throws InterruptedException {
		Optional<ProcessHandle> postmaster = postmaster(dataDir);
		if (postmaster.isEmpty()) {
			return;
		}
		postmaster.get().destroy();
		try {
			postmaster.get().onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception e) {
			postmaster.get().descendants().forEach(ProcessHandle::destroyForcibly);
			postmaster.get().destroyForcibly();
		}
	}

	// -- what Herald did ------------------------------------------------------------------------------------------

	/**
	 * Percentiles of Herald's own event-to-send time (sent_at - event_occurred_at) over the sent notifications about these
	 * orders, in milliseconds.
	 * @param channels WEBHOOK, SMS, ...; none for every channel
	 * @return p50 and p99; NaN without sent notifications
	 */
	double[] eventToSentMillis(Collection<UUID> orders, String... channels) throws SQLException {
		try (Connection c = pool.getConnection();
				PreparedStatement s = c.prepareStatement("""
						select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from sent_at - event_occurred_at))
						from notification where order_id = any(?) and sent_at is not null
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
	 * What Herald's own notification table says: retries or dead notifications would explain latency tails and losses.
	 * @param byStatus notification rows per channel and status, e.g. "WEBHOOK/SENT" (the live channel's copies too)
	 * @param retried rows that needed more than one attempt
	 */
	record DeliveryRows(Map<String, Long> byStatus, long retried) {
	}

	DeliveryRows deliveryRows() throws SQLException {
		Map<String, Long> byStatus = new LinkedHashMap<>();
		try (Connection c = pool.getConnection()) {
			try (PreparedStatement s = c.prepareStatement("""
					select channel || '/' || status, count(*) from notification
					group by channel, status order by channel, status""");
					ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					byStatus.put(rs.getString(1), rs.getLong(2));
				}
			}
			return new DeliveryRows(byStatus, count("select count(*) from notification where attempts > 1"));
		}
	}

	/** Notification rows about these orders that were claimed more than once. */
	long reclaimed(Collection<UUID> orders) throws SQLException {
		return count("select count(*) from notification where order_id = any(?) and attempts > 1", orders);
	}

	/** Notification rows not yet sent: the dispatcher's backlog; -1 if the query failed. */
	int unsentDeliveries() {
		try {
			return (int) count("select count(*) from notification where status in ('PENDING', 'FAILED')");
		}
		catch (SQLException e) {
			return -1;
		}
	}

	/** Event publications not yet completed: work Herald has still to do after the last request. */
	long outstandingPublications() throws SQLException {
		return count("select count(*) from event_publication where completion_date is null");
	}

	/** Kafka records Herald refused (its dead-letter index), by reason, e.g. {not-found=3}; empty if none. */
	Map<String, Long> deadLetters() throws SQLException {
		Map<String, Long> byReason = new LinkedHashMap<>();
		try (Connection c = pool.getConnection();
				PreparedStatement s = c.prepareStatement(
						"select reason, count(*) from kafka_dead_letter group by reason order by reason");
				ResultSet rs = s.executeQuery()) {
			while (rs.next()) {
				byReason.put(rs.getString(1), rs.getLong(2));
			}
		}
		return byReason;
	}

	/** The orders whose stocking report Herald accepted, as its database says (in the given order). */
	List<UUID> stockingReported(List<UUID> orders) throws SQLException {
		Set<UUID> reported = new HashSet<>();
		try (Connection c = pool.getConnection();
				PreparedStatement s = c.prepareStatement(
						"select id from customer_order where id = any(?) and stocking_status <> 'PENDING'")) {
			s.setArray(1, c.createArrayOf("uuid", orders.toArray()));
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					reported.add(rs.getObject(1, UUID.class));
				}
			}
		}
		return orders.stream().filter(reported::contains).toList();
	}

	private long count(String sql, Collection<UUID> orders) throws SQLException {
		try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
			if (orders != null) {
				s.setArray(1, c.createArrayOf("uuid", orders.toArray()));
			}
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private long count(String sql) throws SQLException {
		return count(sql, null);
	}

	@Override
	public void close() {
		pool.close();
	}

}
