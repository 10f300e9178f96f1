package io.herald.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real servers shared by all tests of one JVM, started once: an embedded PostgreSQL, a GreenMail SMTP server, a
 * loopback webhook receiver, a loopback SMS provider and, for the tests that need it, a Kafka broker. Each Spring context gets a database of its own on the shared PostgreSQL, so contexts
 * cached by the test framework never see each other's rows.
 */
public final class TestInfrastructure {

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	private static GreenMail greenMail;

	private static KafkaBroker kafka;

	private static WebhookReceiver receiver;

	private static FakeSmsProvider smsProvider;

	private TestInfrastructure() {
	}

	public static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder()
					.setDataDirectory(Files.createTempDirectory("herald-test-pg"))
					.setServerConfig("max_connections", "300")
					// tests need no crash durability; this keeps 2-core CI machines fast
					.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.start();
			}
			catch (IOException e) {
				throw new IllegalStateException("cannot start embedded PostgreSQL", e);
			}
		}
		return postgres;
	}

	/** Creates a new empty database and returns its JDBC URL. */
	public static String newDatabase() {
		String name = "herald_test_" + DATABASES.incrementAndGet();
		try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("create database " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
		return postgres().getJdbcUrl("postgres", name);
	}

	/**
	 * A real Kafka broker (KRaft, in-process) shared by the Kafka tests that do not stop it; each test class uses
	 * topics and a consumer group of its own.
	 */
	public static synchronized KafkaBroker kafka() {
		if (kafka == null) {
			kafka = KafkaBroker.start();
			Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-broker-close"));
		}
		return kafka;
	}

	public static synchronized GreenMail greenMail() {
		if (greenMail == null) {
			greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
			greenMail.start();
		}
		return greenMail;
	}

	public static synchronized WebhookReceiver receiver() {
		if (receiver == null) {
			receiver = WebhookReceiver.start();
		}
		return receiver;
	}

	/** A loopback port free just now (nothing listens on it until someone binds it). */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Resets the SMS provider, should a test have started it: no script, requests or hanging calls carry over. */
	public static synchronized void resetSmsProvider() {
		if (smsProvider != null) {
			smsProvider.reset();
		}
	}

	public static synchronized FakeSmsProvider smsProvider() {
		if (smsProvider == null) {
			smsProvider = FakeSmsProvider.start();
		}
		return smsProvider;
	}

}
