package io.herald.notification;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.herald.HeraldApplication;
import io.herald.support.Api;
import io.herald.support.BurstFixtures;
import io.herald.support.ChildNode;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.Nodes;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A Herald JVM is killed outright (SIGKILL: no shutdown hooks, nothing flushed) in the middle of a burst of 1,000
 * stocking reports, and a second node on the same database takes over once the dead node's leases expire.
 *
 * <p>
 * The burst: ten batches of 100 reports, the next sent once the last was answered and the merchant's endpoint has
 * seen 30 more webhooks; the node is killed when the endpoint has seen 165. So on a fast or a slow machine the kill
 * comes while reports are still arriving (the sixth batch is often cut off mid-request, committed or not; the last
 * four are never sent) and while sends are in flight: the endpoint takes 5-20 ms per request, notifications are claimed
 * and leased, successes not yet recorded. After the restart the station sends again every batch it got no answer
 * for, as a real one would.
 *
 * <p>
 * What it proves:
 * <ul>
 * <li>an acknowledged report is durable (every report answered APPLIED is committed), and a batch the kill cut off
 * committed whole or not at all;</li>
 * <li>no message is lost: for every accepted event (the committed reports: the order's stocking status is no longer
 * PENDING, whether or not the station heard the answer) the merchant's endpoint received its STOCKED or
 * STOCKING_FAILED webhook and the customer their email (and the order's live stream a copy of it), and every
 * notification row ends SENT;</li>
 * <li>no message is sent under a second id: per accepted event the endpoint saw exactly one distinct webhook-id and
 * GreenMail exactly one distinct Message-ID, each the id of the event's one notification row on that channel, also for a
 * batch the station sent again after it had committed (answered UNCHANGED); the order's live stream holds exactly one
 * copy of the customer's message, under the id of its live notification row. Re-sends with the same id (a send the
 * dead node made but could not record) are allowed, since receivers deduplicate on the id: they are counted and
 * printed;</li>
 * <li>nothing is sent for a report that was not accepted.</li>
 * </ul>
 *
 * <p>
 * The first node is a child process started with the test JVM's own java binary and classpath. Surefire runs the
 * tests from a manifest-only jar but sets {@code java.class.path} to the real test classpath (test classes, classes
 * and every dependency); were it the manifest-only jar itself, {@code java -cp} would honour its Class-Path just as
 * well. The classpath is passed in a java argument file, so its length never meets the command-line limit. The
 * child's output is in {@code target/crash-test/herald-killed.log}. The successor runs in the test JVM, where its
 * state is easy to read. Both use a 2 s lease.
 */
class CrashIntegrationTests {

	static final int ORDERS = 1_000;

	static final int BATCH = 100;

	static final int BATCHES = ORDERS / BATCH;

	/** The station sends batch {@code n} once the receiver has seen {@code n * PACE} webhooks. */
	static final int PACE = 30;

	/** The child is killed once the receiver has seen this many webhooks. */
	static final int KILL_AFTER_WEBHOOKS = 165;

	static final String PATH = "/crash";

	static final String DOMAIN = "crash.test";

	static final Path WORK = Path.of("target", "crash-test");

	Process child;

	ExecutorService stations;

	ConfigurableApplicationContext successor;

	@AfterEach
	void cleanUp() {
		if (child != null && child.isAlive()) {
			child.destroyForcibly();
		}
		if (stations != null) {
			stations.shutdownNow();
		}
		if (successor != null) {
			successor.close();
		}
		TestInfrastructure.receiver().reset();
	}

	@Test
	void aNodeKilledMidBurstLosesNoMessageAndSendsNoneUnderASecondId() throws Exception {
		long started = System.nanoTime();
		TestInfrastructure.receiver().reset();
		TestInfrastructure.greenMail().purgeEmailFromAllMailboxes();
		// a slow endpoint: each webhook takes 5-20 ms to answer, so sends are in flight when the node dies
		TestInfrastructure.receiver().answerAfter(Duration.ofMillis(5), Duration.ofMillis(20));
		Map<String, Object> properties = BurstFixtures.nodeProperties();
		String database = (String) properties.get("spring.datasource.url");
		properties.put("herald.notifications.dispatch.lease", "2s");
		properties.put("herald.notifications.base-delay", "50ms");
		properties.put("herald.notifications.max-delay", "200ms");

		// the node that dies
		int port = TestInfrastructure.freePort();
		Map<String, Object> childProperties = new LinkedHashMap<>(properties);
		childProperties.put("server.port", port);
		Path childLog = WORK.resolve("herald-killed.log");
		child = ChildNode.start(childProperties, childLog);
		Api api = new Api(port);
		waitFor("the child node answers /actuator/health (log: " + childLog + ")", Duration.ofSeconds(90),
				() -> ChildNode.healthy(api));
		long childUp = System.nanoTime();

		var fixtures = new Fixtures(api);
		var merchant = fixtures.merchant("Acme", TestInfrastructure.receiver().url(PATH));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		List<String> ids = new ArrayList<>();
		for (int from = 0; from < ORDERS; from += BATCH) {
			ids.addAll(BurstFixtures.place(api, merchant, from, from + BATCH, DOMAIN));
		}
		Map<String, Integer> indexOf = new HashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			indexOf.put(ids.get(i), i);
		}

		// the burst: the station's till sends ten batches of 100 reports, each once the last was answered and the
		// endpoint has seen 30 more webhooks, so that on a fast or a slow machine reports still arrive at the kill
		stations = Executors.newSingleThreadExecutor();
		Map<Integer, Api.Response> answers = new ConcurrentHashMap<>();
		Set<Integer> interrupted = ConcurrentHashMap.newKeySet();
		Set<Integer> refused = ConcurrentHashMap.newKeySet();
		Future<?> till = stations.submit(() -> {
			for (int batch = 0; batch < BATCHES; batch++) {
				int paced = batch * PACE;
				IntegrationTestBase.eventually("the receiver has seen " + paced + " webhooks, or the node died",
						Duration.ofSeconds(60),
						() -> !child.isAlive() || TestInfrastructure.receiver().received(PATH).size() >= paced);
				if (TestInfrastructure.receiver().received(PATH).size() < paced) {
					return null;
				}
				try {
					answers.put(batch, api.post("/api/v1/stocking-reports", station.key(),
							BurstFixtures.reports(ids, batch * BATCH, (batch + 1) * BATCH)));
				}
				catch (IllegalStateException e) {
					// no answer: cut off mid-request (it may or may not have committed), or refused by the dead node
					(e.getCause() instanceof ConnectException ? refused : interrupted).add(batch);
					return null;
				}
			}
			return null;
		});
		waitFor("the receiver has seen " + KILL_AFTER_WEBHOOKS + " webhooks", Duration.ofSeconds(60),
				() -> TestInfrastructure.receiver().received(PATH).size() >= KILL_AFTER_WEBHOOKS);
		child.destroyForcibly();
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child is dead").isTrue();
		int webhooksAtKill = TestInfrastructure.receiver().received(PATH).size();
		till.get(30, TimeUnit.SECONDS);

		// what the station heard: every report of an answered batch APPLIED
		Set<String> answeredApplied = new HashSet<>();
		for (Api.Response response : answers.values()) {
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			for (JsonNode result : response.json().get("results")) {
				assertThat(result.get("status").asString()).isEqualTo("APPLIED");
				answeredApplied.add(result.get("orderId").asString());
			}
		}

		// the accepted events are the committed reports; and what the dead node left claimed or unsent
		Map<String, String> acceptedAtKill = new TreeMap<>();
		long leasedAtKill;
		long unsentAtKill;
		try (Connection db = DriverManager.getConnection(database, "postgres", "");
				Statement statement = db.createStatement()) {
			try (ResultSet rs = statement
				.executeQuery("select id, stocking_status from customer_order where stocking_status <> 'PENDING'")) {
				while (rs.next()) {
					acceptedAtKill.put(rs.getString(1), rs.getString(2));
				}
			}
			leasedAtKill = single(statement, """
					select count(*) from notification
					where status in ('PENDING', 'FAILED') and locked_until > now()""");
			unsentAtKill = single(statement, "select count(*) from notification where status <> 'SENT'");
		}
		assertThat(acceptedAtKill.keySet()).as("every report answered APPLIED is committed")
			.containsAll(answeredApplied);
		assertThat(unsentAtKill).as("the kill left notifications unsent (else it proves nothing)").isPositive();
		// a batch is one transaction: one the kill interrupted committed whole or not at all
		Set<Integer> committedBatches = new HashSet<>();
		for (int batch = 0; batch < BATCHES; batch++) {
			long committed = ids.subList(batch * BATCH, (batch + 1) * BATCH)
				.stream()
				.filter(acceptedAtKill::containsKey)
				.count();
			assertThat(committed).as("reports of batch " + batch + " committed").isIn(0L, (long) BATCH);
			if (committed == BATCH) {
				committedBatches.add(batch);
			}
		}
		assertThat(committedBatches).as("committed batches").containsAll(answers.keySet());

		// the successor, on the same database; the dead node's claims become due when their leases end
		Map<String, Object> successorProperties = new LinkedHashMap<>(properties);
		successorProperties.put("server.port", "0");
		long restart = System.nanoTime();
		successor = new SpringApplicationBuilder(HeraldApplication.class).run(Nodes.args(successorProperties));
		var jdbc = successor.getBean(JdbcClient.class);
		Api successorApi = Nodes.api(successor);

		// the station sends again what it got no answer for: a batch that did commit changes nothing (UNCHANGED, no
		// second message), the others are applied now; in the end every one of the 1,000 events is accepted
		int unchanged = 0;
		int appliedLater = 0;
		for (int batch = 0; batch < BATCHES; batch++) {
			if (answers.containsKey(batch)) {
				continue;
			}
			String body = BurstFixtures.reports(ids, batch * BATCH, (batch + 1) * BATCH);
			var response = successorApi.post("/api/v1/stocking-reports", station.key(), body);
			// while the successor drains what the dead node left, intake may be refused (503, back-pressure): a
			// station waits as told and sends the same batch again; nothing was changed by the refusal
			long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (response.status() == 503 && System.nanoTime() < giveUp) {
				assertThat(response.text("type")).isEqualTo("urn:herald:problem:overloaded");
				// a station waits as long as it is told: the gate that refused it measures dispatch lag in real time,
				// so no test clock could shorten this
				Thread.sleep(1000L * response.json().get("retryAfterSeconds").asInt());
				response = successorApi.post("/api/v1/stocking-reports", station.key(), body);
			}
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			boolean committed = committedBatches.contains(batch);
			assertThat(response.json().get(committed ? "unchanged" : "applied").asInt()).as(response.toString())
				.isEqualTo(BATCH);
			unchanged += committed ? 1 : 0;
			appliedLater += committed ? 0 : 1;
		}
		waitFor("no notification waits any more", Duration.ofSeconds(60), () -> jdbc
			.sql("select count(*) from notification where status in ('PENDING', 'FAILED')")
			.query(Long.class)
			.single() == 0);
		long drained = System.nanoTime();
		Map<String, String> accepted = new TreeMap<>();
		jdbc.sql("select id, stocking_status from customer_order where stocking_status <> 'PENDING'")
			.query((ResultSet rs) -> {
				accepted.put(rs.getString(1), rs.getString(2));
			});
		assertThat(accepted).hasSize(ORDERS).containsAllEntriesOf(acceptedAtKill);
		for (var entry : accepted.entrySet()) {
			boolean failed = BurstFixtures.fails(indexOf.get(entry.getKey()));
			assertThat(entry.getValue()).isEqualTo(failed ? "FAILED" : "STOCKED");
		}

		// every notification row: one per accepted event and channel, of the right kind, and SENT
		Map<String, Map<String, String>> rowByOrderAndChannel = new HashMap<>();
		jdbc.sql("select order_id, channel, kind, status, id from notification").query((ResultSet rs) -> {
			String orderId = rs.getString(1);
			assertThat(accepted).as("a notification for an order whose report was not accepted").containsKey(orderId);
			assertThat(rs.getString(3)).isEqualTo(BurstFixtures.kind(indexOf.get(orderId)));
			assertThat(rs.getString(4)).as("status of notification " + rs.getString(5)).isEqualTo("SENT");
			String previous = rowByOrderAndChannel.computeIfAbsent(orderId, k -> new HashMap<>())
				.put(rs.getString(2), rs.getString(5));
			assertThat(previous).as("a second " + rs.getString(2) + " notification for order " + orderId).isNull();
		});
		assertThat(rowByOrderAndChannel.keySet()).isEqualTo(accepted.keySet());
		assertThat(rowByOrderAndChannel.values()).allSatisfy(
				byChannel -> assertThat(byChannel.keySet()).containsExactlyInAnyOrder("WEBHOOK", "EMAIL", "LIVE", "LOG"));
		waitFor("an email per accepted event has arrived", Duration.ofSeconds(30),
				() -> BurstFixtures.emails(DOMAIN).size() >= accepted.size());

		// the merchant: exactly one webhook-id per accepted event, the id of its notification row
		List<BurstFixtures.Webhook> webhooks = BurstFixtures.webhooks(PATH);
		Map<String, Set<String>> webhookIdsByOrder = new HashMap<>();
		Map<String, Integer> timesById = new TreeMap<>();
		for (var webhook : webhooks) {
			assertThat(accepted).as("a webhook for an order whose report was not accepted")
				.containsKey(webhook.orderId());
			assertThat(webhook.kind()).isEqualTo(BurstFixtures.kind(indexOf.get(webhook.orderId())));
			webhookIdsByOrder.computeIfAbsent(webhook.orderId(), k -> new HashSet<>()).add(webhook.id());
			timesById.merge(webhook.id(), 1, Integer::sum);
		}
		assertThat(webhookIdsByOrder.keySet()).as("orders whose merchant was told").isEqualTo(accepted.keySet());
		for (var entry : webhookIdsByOrder.entrySet()) {
			assertThat(entry.getValue()).as("webhook-ids for order " + entry.getKey())
				.containsExactly("msg_" + rowByOrderAndChannel.get(entry.getKey()).get("WEBHOOK"));
		}

		// the customers: exactly one Message-ID per accepted event, the id of its notification row
		List<BurstFixtures.Email> emails = BurstFixtures.emails(DOMAIN);
		Map<String, Set<String>> messageIdsByOrder = new HashMap<>();
		Map<String, Integer> timesByMessageId = new TreeMap<>();
		for (var email : emails) {
			String orderId = ids.get(email.order());
			assertThat(accepted).as("an email for an order whose report was not accepted").containsKey(orderId);
			messageIdsByOrder.computeIfAbsent(orderId, k -> new HashSet<>()).add(email.messageId());
			timesByMessageId.merge(email.messageId(), 1, Integer::sum);
		}
		assertThat(messageIdsByOrder.keySet()).as("orders whose customer was told").isEqualTo(accepted.keySet());
		for (var entry : messageIdsByOrder.entrySet()) {
			assertThat(entry.getValue()).as("Message-IDs for order " + entry.getKey())
				.containsExactly("<" + rowByOrderAndChannel.get(entry.getKey()).get("EMAIL") + "@herald>");
		}

		// the order's live stream: exactly one copy of the customer's message per accepted event, under the id of its
		// row, even where the dead node had written it but not recorded the send (the re-send finds it and adds none)
		Map<String, Set<String>> copiesByOrder = new HashMap<>();
		jdbc.sql("""
				select order_id, payload::jsonb ->> 'notificationId' from live_event where type = 'notification.message'""")
			.query((ResultSet rs) -> {
				Set<String> copies = copiesByOrder.computeIfAbsent(rs.getString(1), k -> new HashSet<>());
				assertThat(copies.add(rs.getString(2))).as("a second copy of " + rs.getString(2)).isTrue();
			});
		assertThat(copiesByOrder.keySet()).as("orders whose stream has the copy").isEqualTo(accepted.keySet());
		for (var entry : copiesByOrder.entrySet()) {
			assertThat(entry.getValue()).as("copies for order " + entry.getKey())
				.containsExactly("msg_" + rowByOrderAndChannel.get(entry.getKey()).get("LIVE"));
		}

		Map<String, Integer> webhookResends = resent(timesById);
		Map<String, Integer> emailResends = resent(timesByMessageId);
		System.out.printf("crash test: accepted events at the kill %d of %d (batches: %d answered, %d cut off"
				+ " mid-request, %d refused by the dead node, %d never sent; %d committed); the station re-sent %d unanswered batches to the successor"
				+ " (%d UNCHANGED, %d APPLIED): %d accepted; killed after %d webhooks with %d notifications leased"
				+ " and %d unsent;"
				+ " webhooks received %d, distinct ids %d, re-sent duplicates by id %d;"
				+ " emails received %d, distinct Message-IDs %d, re-sent duplicates by id %d;"
				+ " child up in %.1f s, successor up and drained in %.1f s, %.1f s in all%n", acceptedAtKill.size(),
				ORDERS, answers.size(), interrupted.size(), refused.size(),
				BATCHES - answers.size() - interrupted.size() - refused.size(), committedBatches.size(), unchanged + appliedLater, unchanged, appliedLater,
				accepted.size(), webhooksAtKill, leasedAtKill, unsentAtKill, webhooks.size(), timesById.size(),
				webhooks.size() - timesById.size(), emails.size(), timesByMessageId.size(),
				emails.size() - timesByMessageId.size(), seconds(started, childUp), seconds(restart, drained),
				seconds(started, System.nanoTime()));
		webhookResends.forEach((id, times) -> System.out.println("  webhook re-sent with the same id: " + id + " x"
				+ times));
		emailResends.forEach((id, times) -> System.out.println("  email re-sent with the same id: " + id + " x"
				+ times));
	}

	static Map<String, Integer> resent(Map<String, Integer> timesById) {
		return timesById.entrySet()
			.stream()
			.filter(e -> e.getValue() > 1)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
	}

	/** Polls until the condition holds; fails at once, with the end of its log, if the child died unasked. */
	void waitFor(String what, Duration timeout, BooleanSupplier condition) {
		IntegrationTestBase.eventually(what, timeout, () -> {
			if (child != null && !child.isAlive() && successor == null) {
				fail("the child node died (exit " + child.exitValue() + ") while waiting until " + what + ":\n"
						+ ChildNode.tail(WORK.resolve("herald-killed.log"), 40));
			}
			return condition.getAsBoolean();
		});
	}

	static long single(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static double seconds(long from, long to) {
		return (to - from) / 1e9;
	}

}
