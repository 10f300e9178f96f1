package io.herald.support;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.herald.access.ApiKeys;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.fail;

/**
 * Base of tests that run the whole application on a random port against real PostgreSQL, GreenMail and a loopback
 * webhook receiver. Retry timings are shortened so that failure paths finish in well under a second.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"herald.security.bootstrap-admin-key=" + IntegrationTestBase.ADMIN_KEY,
		"herald.notifications.max-attempts=4", "herald.notifications.base-delay=50ms",
		"herald.notifications.max-delay=200ms", "herald.notifications.dispatch.poll-interval=50ms",
		"herald.notifications.webhook.timeout=3s", "herald.assignment.cache-ttl=0s",
		"herald.outbound.allow-private-networks=true",
		// at the end of the run the shared PostgreSQL may stop before the cached contexts close: fail fast then
		"spring.datasource.hikari.connection-timeout=2000",
		"spring.task.execution.shutdown.await-termination-period=2s" })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public abstract class IntegrationTestBase {

	public static final String ADMIN_KEY = "test-admin-key-0123456789-abcdefghijklmnop";

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	private ApiKeys keys;

	@Autowired
	private Clock clock;

	protected Api api;

	protected Fixtures fixtures;

	@BeforeEach
	void cleanSlate() throws Exception {
		jdbc.sql("""
				truncate merchant, api_key, station, customer_order, order_event, notification,
				  event_publication, event_publication_archive, route, route_stop, customer_preference,
				  webhook_subscription, live_event, order_tracking, web_account, kafka_dead_letter""").update();
		if (clock instanceof MutableClock mutable) {
			mutable.reset();
		}
		keys.ensureAdminKey(ADMIN_KEY, "test");
		TestInfrastructure.receiver().reset();
		TestInfrastructure.greenMail().purgeEmailFromAllMailboxes();
		TestInfrastructure.resetSmsProvider();
		api = new Api(port);
		fixtures = new Fixtures(api);
	}

	protected static WebhookReceiver receiver() {
		return TestInfrastructure.receiver();
	}

	/**
	 * The loopback SMS provider shared by the JVM's tests, reset before each test. A test class that sends through it
	 * points {@code herald.notifications.sms.base-url} at its {@link FakeSmsProvider#baseUrl()}.
	 */
	protected static FakeSmsProvider smsProvider() {
		return TestInfrastructure.smsProvider();
	}

	/** Where this server takes the SMS provider's delivery receipts. */
	protected String receiptsUrl() {
		return "http://127.0.0.1:" + port + "/api/v1/sms/receipts";
	}

	protected long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	/** Waits (up to 15 s) until the condition holds; for effects of asynchronous dispatch. */
	public static void eventually(String what, BooleanSupplier condition) {
		eventually(what, Duration.ofSeconds(15), condition);
	}

	/** Waits up to {@code timeout} until the condition holds, checking every 20 ms. */
	public static void eventually(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return;
			}
			pause();
		}
		fail("timed out waiting until " + what);
	}

	/** The pause between two looks at a condition being waited for. */
	static void pause() {
		try {
			// the poll interval of a wait for a fact, not a wait for time to pass
			Thread.sleep(20);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			fail("interrupted");
		}
	}

	/**
	 * Waits until nothing more will be sent ({@link IdleOutbox}), so that exact counts asserted afterwards would
	 * include a duplicate, however late.
	 */
	protected void awaitIdleOutbox() {
		IdleOutbox.await(jdbc);
	}

}
