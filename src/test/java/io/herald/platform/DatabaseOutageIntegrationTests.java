package io.herald.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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

	/** A query narrowed to the orders of one merchant (the other tests of this class use their own). */
	static final String MERCHANTS_ORDER = "select * from (%s) q where order_id in (select id from customer_order where merchant_id = ?::uuid)";

	static final HttpClient HTTP = HttpClient.newHttpClient();

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
		jdbc.sql("select id, stocking_status from customer_order where stocking_status <> 'PENDING' and merchant_id = ?::uuid")
			.param(merchant.id())
			.query((ResultSet rs) -> {
				stored.put(rs.getString(1), rs.getString(2));
			});
		Set<String> acceptedIds = new HashSet<>();
		load.accepted().forEach(i -> acceptedIds.add(ids.get(i)));
		// a report refused with 503 is sent again until accepted, so the stored ones are exactly the accepted ones
		assertThat(stored.keySet()).as("every report answered 2xx is stored, and only those").isEqualTo(acceptedIds);

		Map<String, Map<String, String>> rowByOrderAndChannel = new HashMap<>();
		jdbc.sql(MERCHANTS_ORDER.formatted("select order_id, channel, id from notification")).param(merchant.id()).query((ResultSet rs) -> {
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
		jdbc.sql(MERCHANTS_ORDER.formatted(
				"select order_id, payload::jsonb ->> 'notificationId' from live_event where type = 'notification.message'"))
			.param(merchant.id())
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

	/**
	 * An operator makes the database read-only ({@code ALTER SYSTEM SET default_transaction_read_only}, applied to
	 * the sessions of the pool at the reload): every write is refused with 503 problem+json of its own type, a warning
	 * says why, nothing is stored, reads go on; once writable again, the same report is accepted and told once.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aReadOnlyDatabaseRefusesWritesWith503SayingWhyAndStoresNothing(CapturedOutput output) throws Exception {
		TestInfrastructure.receiver().reset();
		var fixtures = new Fixtures(api);
		var merchant = fixtures.merchant("Read-only", TestInfrastructure.receiver().url("/read-only"));
		var station = fixtures.station("Encamp", 42.5347, 1.5830, Fixtures.ENCAMP);
		String orderId = fixtures.place(merchant, Fixtures.order("RO-1", 42.535, 1.583, "ro@example.com", "en"));
		String report = "{\"status\":\"STOCKED\"}";
		try {
			postgres.sql("alter system set default_transaction_read_only = on", "select pg_reload_conf()");
			eventually("the server is read-only", () -> postgres.setting("default_transaction_read_only").equals("on"));

			for (var refused : List.of(post("/api/v1/orders/" + orderId + "/stocking", station.key(), report),
					post("/api/v1/stocking-reports", station.key(), "{\"reports\":[{\"orderId\":\"" + orderId
							+ "\",\"status\":\"STOCKED\"}]}"),
					post("/api/v1/orders", merchant.key(),
							Fixtures.order("RO-2", 42.535, 1.583, "ro2@example.com", "en")))) {
				assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
				assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
						type -> assertThat(type).startsWith("application/problem+json"));
				assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(Api.JSON.readTree(refused.body()).path("type").asString())
					.isEqualTo("urn:herald:problem:database-read-only");
			}
			assertThat(output).contains("Answering 503 database-read-only: SQLSTATE 25006");
			// connections are valid: the database is up, only writes are refused
			assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
			// reads go on; nothing of the refused writes is stored
			var order = api.get("/api/v1/orders/" + orderId, merchant.key());
			assertThat(order.status()).isEqualTo(200);
			assertThat(order.json().path("stocking").path("status").asString()).isEqualTo("PENDING");
			assertThat(count("select count(*) from notification where order_id = '" + orderId + "'")).isZero();
			assertThat(count("select count(*) from order_event where order_id = '" + orderId
					+ "' and type like 'order.stock%'")).isZero();
			assertThat(count("select count(*) from customer_order where order_number = 'RO-2'")).isZero();
		}
		finally {
			postgres.sql("alter system reset default_transaction_read_only", "select pg_reload_conf()");
		}
		eventually("the server takes writes again", () -> postgres.setting("default_transaction_read_only").equals("off"));
		eventually("the report is accepted once the database is writable", Duration.ofSeconds(30),
				() -> post("/api/v1/orders/" + orderId + "/stocking", station.key(), report).statusCode() == 200);
		eventually("the merchant is told", () -> TestInfrastructure.receiver().received("/read-only").size() == 1);
		IdleOutbox.await(jdbc);
		assertThat(TestInfrastructure.receiver().received("/read-only")).hasSize(1);
	}

	/**
	 * A full disk cannot be made without root (no tmpfs tablespace), so PostgreSQL's refusal is reproduced as the
	 * driver sees it: a statement of the report's transaction fails with SQLSTATE 53100 (disk_full), raised by a
	 * trigger. The transaction rolls back whole: 503 problem+json {@code database-full}, nothing stored.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aFullDiskRefusesTheWriteWith503AndStoresNothing(CapturedOutput output) throws Exception {
		var fixtures = new Fixtures(api);
		var merchant = fixtures.merchant("Full disk", TestInfrastructure.receiver().url("/full-disk"));
		var station = fixtures.station("Canillo", 42.5676, 1.5977, """
				{"type":"Polygon","coordinates":[[[1.59,42.56],[1.61,42.56],[1.61,42.58],[1.59,42.58],[1.59,42.56]]]}""");
		String orderId = fixtures.place(merchant, Fixtures.order("FULL-1", 42.57, 1.60, "full@example.com", "en"));
		jdbc.sql("""
				create function disk_full() returns trigger language plpgsql as $$
				begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$;
				create trigger disk_full before insert on order_event for each row execute function disk_full()""")
			.update();
		try {
			var refused = post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(Api.JSON.readTree(refused.body()).path("type").asString())
				.isEqualTo("urn:herald:problem:database-full");
			assertThat(output).contains("Answering 503 database-full: SQLSTATE 53100");
			var order = api.get("/api/v1/orders/" + orderId, merchant.key());
			assertThat(order.json().path("stocking").path("status").asString()).isEqualTo("PENDING");
			assertThat(count("select count(*) from notification where order_id = '" + orderId + "'")).isZero();
		}
		finally {
			jdbc.sql("drop trigger disk_full on order_event; drop function disk_full()").update();
		}
	}

	HttpResponse<String> post(String path, String key, String json) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
				.header("Authorization", "Bearer " + key)
				.header("Content-Type", "application/json")
				.timeout(SteadyReports.HANG)
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	int port() {
		return Integer.parseInt(herald.getEnvironment().getProperty("local.server.port"));
	}

	long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

}
