package io.herald.platform;

import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.herald.HeraldApplication;
import io.herald.support.Api;
import io.herald.support.BurstFixtures;
import io.herald.support.Fixtures;
import io.herald.support.IdleOutbox;
import io.herald.support.IntegrationTestBase;
import io.herald.support.KillablePostgres;
import io.herald.support.Nodes;
import io.herald.support.SteadyReports;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.herald.support.IntegrationTestBase.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL is killed ({@code kill -9} of its postmaster) while stations report stocking at a steady pace, and
 * started again on the same data directory and port. Herald runs in this JVM on that server, with the channels of a
 * real deployment (webhook to a loopback receiver, email to GreenMail, the live copy, the log).
 *
 * <p>
 * What it proves: while the database is gone every request is answered, within a bound (the pool's connection
 * timeout, here 2 s; a request with no answer after 30 s counts as a hang), with 503 problem+json and
 * {@code Retry-After}, never 500, on the group-commit path (single reports) and the plain one (batch); health says
 * DOWN; when the server is back Herald recovers by itself; every report answered 2xx is stored; every stored report
 * produces exactly one message per channel (one webhook-id, one email Message-ID, one live copy, each the id of the
 * report's one notification row), and in the end no notification is left claimed or unsent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIntegrationTests {

	static final int ORDERS = 400;

	static final String PATH = "/db-outage";

	static final String DOMAIN = "db-outage.test";

	KillablePostgres postgres;

	ConfigurableApplicationContext herald;

	JdbcClient jdbc;

	Api api;

	@BeforeAll
	void start() throws Exception {
		postgres = KillablePostgres.start(false);
		postgres.createDatabase("herald");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", postgres.jdbcUrl("herald"));
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.mail.host", "127.0.0.1");
		properties.put("spring.mail.port", TestInfrastructure.greenMail().getSmtp().getPort());
		properties.put("server.port", "0");
		properties.put("herald.security.bootstrap-admin-key", IntegrationTestBase.ADMIN_KEY);
		properties.put("herald.outbound.allow-private-networks", "true");
		properties.put("herald.assignment.cache-ttl", "0s");
		properties.put("herald.notifications.channels", "webhook,email,live,log");
		properties.put("herald.notifications.dispatch.poll-interval", "50ms");
		// a send whose outcome could not be recorded while the database was away is sent again (same id) after this
		properties.put("herald.notifications.dispatch.lease", "3s");
		properties.put("spring.datasource.hikari.connection-timeout", "2000");
		properties.put("herald.database.retry-after", "1s");
		herald = new SpringApplicationBuilder(HeraldApplication.class).run(Nodes.args(properties));
		jdbc = herald.getBean(JdbcClient.class);
		api = Nodes.api(herald);
	}

	@AfterAll
	void stop() throws Exception {
		if (herald != null) {
			herald.close();
		}
		if (postgres != null) {
			postgres.close();
		}
		TestInfrastructure.receiver().reset();
	}

	@Test
	void reportsWhileTheDatabaseIsKilledAreRefusedWith503AndEveryAcceptedOneIsToldOnce() throws Exception {
		TestInfrastructure.receiver().reset();
		TestInfrastructure.greenMail().purgeEmailFromAllMailboxes();
		var fixtures = new Fixtures(api);
		var merchant = fixtures.merchant("Acme", TestInfrastructure.receiver().url(PATH));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		List<String> ids = new ArrayList<>();
		for (int from = 0; from < ORDERS; from += 100) {
			ids.addAll(BurstFixtures.place(api, merchant, from, from + 100, DOMAIN));
		}

		SteadyReports load = new SteadyReports(port(), station.key(), ids, 4, Duration.ofMillis(40),
				Duration.ofSeconds(1)).start();
		eventually("reports are accepted before the kill", Duration.ofSeconds(60), () -> load.accepted().size() >= 40);

		postgres.kill();
		eventually("reports are refused while the database is gone", Duration.ofSeconds(60), () -> load.refused() >= 8);
		var health = api.get("/actuator/health", null);
		assertThat(health.status()).as(health.toString()).isEqualTo(503);
		assertThat(health.text("status")).isEqualTo("DOWN");
		Set<Integer> acceptedBeforeRestart = load.accepted();

		postgres.restart();
		long restarted = System.nanoTime();
		eventually("a report is accepted after the restart", Duration.ofSeconds(60),
				() -> load.lastAccepted() > restarted);
		double recoverySeconds = (load.lastAccepted() - restarted) / 1e9;
		int acceptedAtRecovery = load.accepted().size();
		eventually("more reports are accepted", Duration.ofSeconds(60),
				() -> load.accepted().size() >= acceptedAtRecovery + 40);
		load.close();
		eventually("health is UP again", Duration.ofSeconds(30), () -> api.get("/actuator/health", null).status() == 200);

		assertThat(load.unexpected()).as("answers other than 2xx or 503 problem+json with Retry-After").isEmpty();
		assertThat(load.refusals()).containsKey("urn:herald:problem:database-unavailable");
		// back-pressure may refuse too while the dispatcher catches up after the outage
		assertThat(load.refusals().keySet()).isSubsetOf("urn:herald:problem:database-unavailable",
				"urn:herald:problem:overloaded");
		assertThat(acceptedBeforeRestart.size()).as("reports accepted before the database came back")
			.isLessThan(load.accepted().size());

		// the outbox drains, and nothing stays claimed: every row SENT, no lease left
		eventually("every notification is sent", Duration.ofSeconds(60),
				() -> count("select count(*) from notification where status <> 'SENT' or locked_until is not null") == 0);
		IdleOutbox.await(jdbc);

		Map<String, String> stored = new TreeMap<>();
		jdbc.sql("select id, stocking_status from customer_order where stocking_status <> 'PENDING'")
			.query((ResultSet rs) -> {
				stored.put(rs.getString(1), rs.getString(2));
			});
		Set<String> acceptedIds = new HashSet<>();
		load.accepted().forEach(i -> acceptedIds.add(ids.get(i)));
		// a report refused with 503 is sent again until accepted, so the stored ones are exactly the accepted ones
		assertThat(stored.keySet()).as("every report answered 2xx is stored, and only those").isEqualTo(acceptedIds);

		Map<String, Map<String, String>> rowByOrderAndChannel = new HashMap<>();
		jdbc.sql("select order_id, channel, id from notification").query((ResultSet rs) -> {
			String previous = rowByOrderAndChannel.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
				.put(rs.getString(2), rs.getString(3));
			assertThat(previous).as("a second " + rs.getString(2) + " notification for " + rs.getString(1)).isNull();
		});
		assertThat(rowByOrderAndChannel.keySet()).isEqualTo(acceptedIds);
		assertThat(rowByOrderAndChannel.values()).allSatisfy(
				channels -> assertThat(channels.keySet()).containsExactlyInAnyOrder("WEBHOOK", "EMAIL", "LIVE", "LOG"));

		Map<String, Set<String>> webhookIds = new HashMap<>();
		int webhooks = 0;
		for (var webhook : BurstFixtures.webhooks(PATH)) {
			webhookIds.computeIfAbsent(webhook.orderId(), k -> new HashSet<>()).add(webhook.id());
			webhooks++;
		}
		assertThat(webhookIds.keySet()).as("orders whose merchant was told").isEqualTo(acceptedIds);
		webhookIds.forEach((order, seen) -> assertThat(seen).as("webhook-ids for " + order)
			.containsExactly("msg_" + rowByOrderAndChannel.get(order).get("WEBHOOK")));

		eventually("an email per accepted report", Duration.ofSeconds(30),
				() -> BurstFixtures.emails(DOMAIN).size() >= acceptedIds.size());
		Map<String, Set<String>> messageIds = new HashMap<>();
		List<BurstFixtures.Email> emails = BurstFixtures.emails(DOMAIN);
		for (var email : emails) {
			messageIds.computeIfAbsent(ids.get(email.order()), k -> new HashSet<>()).add(email.messageId());
		}
		assertThat(messageIds.keySet()).as("orders whose customer was told").isEqualTo(acceptedIds);
		messageIds.forEach((order, seen) -> assertThat(seen).as("Message-IDs for " + order)
			.containsExactly("<" + rowByOrderAndChannel.get(order).get("EMAIL") + "@herald>"));

		Map<String, Set<String>> copies = new HashMap<>();
		jdbc.sql("select order_id, payload::jsonb ->> 'notificationId' from live_event where type = 'notification.message'")
			.query((ResultSet rs) -> {
				assertThat(copies.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2)))
					.as("a second live copy of " + rs.getString(2))
					.isTrue();
			});
		assertThat(copies.keySet()).isEqualTo(acceptedIds);

		System.out.printf("database outage test: %d reports accepted (%d before the restart), refusals %s,"
				+ " slowest answer %d ms, first 2xx %.1f s after the restarted server accepted connections;"
				+ " webhooks received %d for %d ids (re-sent with the same id: %d), emails %d for %d ids%n",
				acceptedIds.size(), acceptedBeforeRestart.size(), load.refusals(), load.slowestAnswer().toMillis(),
				recoverySeconds, webhooks, acceptedIds.size(), webhooks - acceptedIds.size(), emails.size(),
				acceptedIds.size());
	}

	int port() {
		return Integer.parseInt(herald.getEnvironment().getProperty("local.server.port"));
	}

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
