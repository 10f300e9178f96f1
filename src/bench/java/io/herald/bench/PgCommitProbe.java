package io.herald.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * How many transactions per second this PostgreSQL can commit at all: tiny single-row INSERTs in autocommit from
 * several connections, so nearly all the cost is the commit itself (the WAL flush). That is the ceiling of any design
 * that commits at least once per stocking report, whatever else it does; comparing the loop's rate with it says
 * whether commits or something else bound Herald.
 *
 * <p>The table is an ordinary (logged) one on purpose: a TEMP or UNLOGGED table writes no WAL and would measure
 * nothing.
 */
final class PgCommitProbe {

	private static final String TABLE = "bench_commit_probe";

	private PgCommitProbe() {
	}

	/**
	 * Measures and prints the ceiling on Herald's database: {@code connections} committing single-row inserts for
	 * {@code seconds}; returns commits per second.
	 */
	static double measure(PrintStream out, HeraldDatabase database, int connections, int seconds) throws Exception {
		double commits = commitsPerSecond(database.unpooled(), connections, seconds);
		out.printf(Locale.ROOT, "postgres (%s): %d connections committing single-row inserts: %.0f commits/s%n",
				durabilitySettings(database.dataSource()), connections, commits);
		return commits;
	}

	/** The server settings that decide what a commit costs, e.g. "fsync=on synchronous_commit=on". */
	static String durabilitySettings(DataSource dataSource) throws SQLException {
		StringBuilder settings = new StringBuilder();
		try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
			for (String name : new String[] { "fsync", "synchronous_commit", "wal_sync_method" }) {
				try (var rs = s.executeQuery("show " + name)) {
					rs.next();
					settings.append(settings.isEmpty() ? "" : " ").append(name).append('=').append(rs.getString(1));
				}
			}
		}
		return settings.toString();
	}

	/** Commits per second over {@code seconds}, after a short unmeasured warm-up. */
	static double commitsPerSecond(DataSource dataSource, int connections, int seconds) throws Exception {
		try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
			c.setAutoCommit(true);
			s.execute("drop table if exists " + TABLE);
			s.execute("create table " + TABLE
					+ " (id bigserial primary key, worker int not null, at timestamptz not null default now())");
		}
		try {
			return run(dataSource, connections, seconds);
		}
		finally {
			try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
				c.setAutoCommit(true);
				s.execute("drop table if exists " + TABLE);
			}
		}
	}

	private static double run(DataSource dataSource, int connections, int seconds) throws Exception {
		AtomicLong commits = new AtomicLong();
		long warmupNanos = 500_000_000L;
		long[] window = new long[2];
		List<Thread> workers = new ArrayList<>();
		List<Throwable> failures = new ArrayList<>();
		long start = System.nanoTime() + 500_000_000L;
		window[0] = start + warmupNanos;
		window[1] = window[0] + seconds * 1_000_000_000L;
		for (int w = 0; w < connections; w++) {
			int worker = w;
			Thread t = new Thread(() -> {
				try (Connection c = dataSource.getConnection();
						PreparedStatement insert = c.prepareStatement("insert into " + TABLE + " (worker) values (?)")) {
					c.setAutoCommit(true);
					insert.setInt(1, worker);
					// all connections open before anyone starts, so the window measures commits, not connects
					Thread.sleep(Math.max(0, (start - System.nanoTime()) / 1_000_000));
					long now;
					while ((now = System.nanoTime()) < window[1]) {
						insert.executeUpdate();
						if (now >= window[0]) {
							commits.incrementAndGet();
						}
					}
				}
				catch (SQLException | RuntimeException | InterruptedException e) {
					synchronized (failures) {
						failures.add(e);
					}
				}
			}, "pg-commit-probe-" + w);
			workers.add(t);
			t.start();
		}
		for (Thread t : workers) {
			t.join();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException("commit probe failed", failures.get(0));
		}
		return commits.get() / (double) seconds;
	}

}
