package io.herald.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.herald.HeraldApplication;
import io.herald.support.Api;
import io.herald.support.BurstFixtures;
import io.herald.support.Fixtures;
import io.herald.support.Nodes;
import io.herald.support.TestInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.herald.support.IntegrationTestBase.eventually;
import static io.herald.support.Nodes.api;
import static io.herald.support.Nodes.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Herald nodes on one PostgreSQL database, both dispatching, share the notification queue: claims are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so a row one node holds is invisible to the other. With small claims (5 rows) and a
 * 20 ms poll both nodes really compete for the same rows while 300 stocking reports arrive through both of them.
 *
 * <p>
 * What it proves: every message is sent exactly once in total (one webhook per order, by webhook-id and by the order
 * in the body; one email per order; one copy of it on the order's live stream), no row needed a second attempt (no node sent a row the other had claimed), and
 * both nodes did part of the work (their {@code herald.notifications.sends{outcome=sent}} counters are both above
 * zero and add up to the number of rows).
 */
class SharedDispatchIntegrationTests {

	static final int ORDERS = 300;

	static final String PATH = "/shared-dispatch";

	static final String DOMAIN = "shared-dispatch.test";

	final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@AfterEach
	void stop() {
		for (int i = nodes.size() - 1; i >= 0; i--) {
			nodes.get(i).close();
		}
	}

	ConfigurableApplicationContext start(Map<String, Object> properties) {
		var node = new SpringApplicationBuilder(HeraldApplication.class).run(Nodes.args(properties));
		nodes.add(node);
		return node;
	}

	/** Successful sends this node made, on all channels. */
	static double sent(ConfigurableApplicationContext node) {
		return node.getBean(MeterRegistry.class)
			.find("herald.notifications.sends")
			.tag("outcome", "sent")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	@Test
	void twoNodesOnOneDatabaseSendEveryMessageExactlyOnceAndBothTakePart() throws Exception {
		TestInfrastructure.receiver().reset();
		TestInfrastructure.greenMail().purgeEmailFromAllMailboxes();
		// one database for both nodes: the properties (and so the new database) are made once
		Map<String, Object> properties = BurstFixtures.nodeProperties();
		properties.put("server.port", "0");
		properties.put("herald.notifications.dispatch.enabled", "true");
		properties.put("herald.notifications.dispatch.batch-size", "5");
		var a = start(properties);
		var b = start(properties);
		Api apiA = api(a);
		Api apiB = api(b);

		var fixtures = new Fixtures(apiA);
		var merchant = fixtures.merchant("Acme", TestInfrastructure.receiver().url(PATH));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		List<String> ids = new ArrayList<>();
		for (int from = 0; from < ORDERS; from += 100) {
			ids.addAll(BurstFixtures.place(from % 200 == 0 ? apiA : apiB, merchant, from, from + 100, DOMAIN));
		}
		// the reports arrive through both nodes, each waking its own dispatcher; the other one polls
		for (int from = 0, n = 0; from < ORDERS; from += 25, n++) {
			Api api = n % 3 == 2 ? apiB : apiA;
			var response = api.post("/api/v1/stocking-reports", station.key(),
					BurstFixtures.reports(ids, from, from + 25));
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.json().get("applied").asInt()).as(response.toString()).isEqualTo(25);
		}

		int rows = ORDERS * 4; // webhook, email, its copy on the live stream, and log per report
		eventually("every notification is sent", Duration.ofSeconds(60),
				() -> count(a, "select count(*) from notification where status = 'SENT'") == rows);
		assertThat(count(a, "select count(*) from notification")).isEqualTo(rows);
		assertThat(a.getBean(JdbcClient.class)
			.sql("select channel || ' ' || kind || ' attempts=' || attempts || ' last_error=' || coalesce(last_error, '')"
					+ " from notification where attempts > 1")
			.query(String.class)
			.list()).as("rows sent more than once").isEmpty();
		eventually("every email has arrived", Duration.ofSeconds(30),
				() -> BurstFixtures.emails(DOMAIN).size() >= ORDERS);

		// the merchant: one webhook per order, whether counted by webhook-id or by the order in the body
		List<BurstFixtures.Webhook> webhooks = BurstFixtures.webhooks(PATH);
		assertThat(webhooks).hasSize(ORDERS);
		assertThat(webhooks.stream().map(BurstFixtures.Webhook::id).collect(Collectors.toSet())).hasSize(ORDERS);
		Map<String, Long> perOrder = webhooks.stream()
			.collect(Collectors.groupingBy(BurstFixtures.Webhook::orderId, Collectors.counting()));
		assertThat(perOrder.keySet()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(new HashSet<>(perOrder.values())).containsExactly(1L);
		for (var webhook : webhooks) {
			assertThat(webhook.kind()).isEqualTo(BurstFixtures.kind(ids.indexOf(webhook.orderId())));
		}

		// the order's live stream: one copy of the customer's message each, under the id of its row
		assertThat(count(a, "select count(*) from live_event where type = 'notification.message'")).isEqualTo(ORDERS);
		assertThat(count(a, """
				select count(*) from live_event e join notification d
				  on d.channel = 'LIVE' and e.order_id = d.order_id and e.payload::jsonb ->> 'notificationId' = 'msg_' || d.id
				where e.type = 'notification.message'""")).isEqualTo(ORDERS);

		// the customers: one email each
		List<BurstFixtures.Email> emails = BurstFixtures.emails(DOMAIN);
		assertThat(emails).hasSize(ORDERS);
		assertThat(emails.stream().map(BurstFixtures.Email::messageId).collect(Collectors.toSet())).hasSize(ORDERS);
		Set<Integer> told = emails.stream().map(BurstFixtures.Email::order).collect(Collectors.toSet());
		assertThat(told).hasSize(ORDERS).allMatch(i -> i >= 0 && i < ORDERS);

		// both nodes sent, and together exactly one send per row
		double sentByA = sent(a);
		double sentByB = sent(b);
		System.out.printf("shared dispatch: %d rows sent, %.0f by node A and %.0f by node B%n", rows, sentByA, sentByB);
		assertThat(sentByA).as("sends by node A").isPositive();
		assertThat(sentByB).as("sends by node B").isPositive();
		assertThat(sentByA + sentByB).isEqualTo(rows);
	}

}
