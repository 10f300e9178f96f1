package io.herald.notification.channel;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.herald.notification.channel.PublishedEvents.data;
import static io.herald.notification.channel.PublishedEvents.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kafka channel against a real broker (one per class): every order event and every customer message is one
 * CloudEvent on the events topic, keyed by the order, under its notification's message id; while the broker is down
 * the rows are retried like any channel's, and each arrives once when it is back. The lease is short so that the
 * producer's delivery timeout (a quarter of it) is 5 s.
 */
@TestPropertySource(properties = { "herald.notifications.channels=webhook,email,sms,live,log,kafka",
		"herald.notifications.dispatch.lease=20s", "herald.notifications.max-attempts=50" })
@DirtiesContext // its producer would outlive the broker, which stops with the class
class KafkaChannelIntegrationTests extends IntegrationTestBase {

	static final String TOPIC = "herald.events";

	static KafkaBroker broker;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("herald.kafka.bootstrap-servers", () -> broker().bootstrapServers());
		// a node that only publishes: the intake is the kafka module's tests' concern
		registry.add("herald.kafka.intake.enabled", () -> "false");
	}

	static synchronized KafkaBroker broker() {
		if (broker == null) {
			broker = KafkaBroker.start();
			broker.createTopic(TOPIC, 3);
		}
		return broker;
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
			broker = null;
		}
	}

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	void world(String webhookPath) {
		merchant = fixtures.merchant("Acme", receiver().url(webhookPath));
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
	}

	String order(String number, String email) {
		return fixtures.place(merchant, Fixtures.order(number, 42.507, 1.52, email, "en"));
	}

	void report(String orderId, String outcome) {
		var response = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), outcome);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	/** The kafka rows: message id to order id. */
	Map<String, String> kafkaRows() {
		Map<String, String> rows = new HashMap<>();
		jdbc.sql("select id, order_id from notification where channel = 'KAFKA'")
			.query((rs, n) -> rows.put("msg_" + rs.getString(1), rs.getString(2)))
			.list();
		return rows;
	}

	long kafkaRows(String status) {
		return count("select count(*) from notification where channel = 'KAFKA' and status = ?", status);
	}

	@Test
	void everyOrderEventAndEveryCustomerMessageIsOneCloudEventKeyedByTheOrder() {
		world("/kafka");
		String stocked = order("K-1", "li.wei@example.com");
		String failed = order("K-2", "li.wei@example.com");
		report(stocked, "{\"status\":\"STOCKED\"}");
		report(failed, "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"failedLines\":[2]}");
		eventually("both webhooks arrive", () -> receiver().received("/kafka").size() == 2);
		awaitIdleOutbox();
		// two events and the copies of the two emails, one row each
		assertThat(kafkaRows("SENT")).isEqualTo(4);
		Map<String, String> rows = kafkaRows();

		var published = PublishedEvents.of(broker.bootstrapServers(), TOPIC).ofMerchant(merchant.id());
		assertThat(published.ids()).containsExactlyInAnyOrderElementsOf(rows.keySet());
		for (ConsumerRecord<String, byte[]> record : published.records()) {
			String orderId = rows.get(header(record, "ce_id"));
			assertThat(record.key()).isEqualTo(orderId);
			assertThat(header(record, "ce_subject")).isEqualTo(orderId);
			assertThat(header(record, "ce_source")).isEqualTo("/herald/merchants/" + merchant.id());
			assertThat(header(record, "content-type")).isEqualTo("application/json");
			var event = PublishedEvents.event(record);
			assertThat(event.getId()).isEqualTo(header(record, "ce_id"));
			assertThat(event.getExtension("merchantid")).isEqualTo(merchant.id());
		}

		// the order events carry what the webhooks carry, under the same type, source and time
		for (var webhook : receiver().received("/kafka")) {
			JsonNode body = Api.JSON.readTree(webhook.body());
			String orderId = body.get("data").get("orderId").asString();
			var event = published.records().stream()
				.filter(r -> r.key().equals(orderId) && header(r, "ce_type").startsWith("io.herald.notification."))
				.toList();
			assertThat(event).hasSize(1);
			assertThat(header(event.get(0), "ce_type")).isEqualTo(body.get("type").asString());
			assertThat(event.get(0).timestamp()).isPositive();
			assertThat(PublishedEvents.event(event.get(0)).getTime().toInstant())
				.isEqualTo(java.time.OffsetDateTime.parse(body.get("time").asString()).toInstant());
			// each notification's data names its own message id; all else is the same
			JsonNode kafkaData = data(event.get(0));
			assertThat(kafkaData.get("notificationId").asString()).isEqualTo(header(event.get(0), "ce_id"));
			assertThat(withoutId(kafkaData)).isEqualTo(withoutId(body.get("data")));
		}
		assertThat(published.records()).filteredOn(r -> header(r, "ce_type").equals("io.herald.notification.stocking_failed"))
			.singleElement()
			.satisfies(r -> assertThat(data(r).get("failedItems").toString()).contains("CUP-1"));

		// the copies say what the customer was told, where, without the address
		var copies = published.records().stream().filter(r -> header(r, "ce_type").startsWith("io.herald.message.")).toList();
		assertThat(copies).extracting(r -> header(r, "ce_type"))
			.containsExactlyInAnyOrder("io.herald.message.stocked", "io.herald.message.stocking_failed");
		for (var copy : copies) {
			JsonNode data = data(copy);
			var email = jdbc.sql("select subject, body from notification where order_id = ?::uuid and channel = 'EMAIL'")
				.param(copy.key())
				.query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
				.single();
			assertThat(data.get("channel").asString()).isEqualTo("EMAIL");
			assertThat(data.get("recipient").asString()).isEqualTo("l***@example.com");
			assertThat(data.get("subject").asString()).isEqualTo(email.get(0));
			assertThat(data.get("text").asString()).isEqualTo(email.get(1));
			assertThat(data.get("orderNumber").asString()).isIn("K-1", "K-2");
			assertThat(new String(copy.value())).doesNotContain("li.wei@example.com");
		}
	}

	@Test
	void whileTheBrokerIsDownTheRowsAreRetriedAndOnceItIsBackEachArrivesOnce() {
		world("/kafka-down");
		broker.stop();
		try {
			String stocked = order("D-1", "down@example.com");
			report(stocked, "{\"status\":\"STOCKED\"}");
			eventually("the webhook goes out regardless", () -> receiver().received("/kafka-down").size() == 1);
			eventually("both kafka rows have failed twice", Duration.ofSeconds(45), () -> count(
					"select count(*) from notification where channel = 'KAFKA' and status = 'FAILED' and attempts >= 2")
					== 2);
			assertThat(kafkaRows("DEAD")).isZero();
			assertThat(jdbc.sql("select last_error from notification where channel = 'KAFKA'").query(String.class).list())
				.allSatisfy(error -> assertThat(error).startsWith("Kafka: TimeoutException"));
		}
		finally {
			broker.restart();
		}
		eventually("both kafka rows are sent", Duration.ofSeconds(45), () -> kafkaRows("SENT") == 2);
		awaitIdleOutbox();

		var published = PublishedEvents.of(broker.bootstrapServers(), TOPIC).ofMerchant(merchant.id());
		assertThat(published.ids()).containsExactlyInAnyOrderElementsOf(kafkaRows().keySet());
		assertThat(Set.copyOf(published.ids())).hasSize(published.size());
	}

	private static JsonNode withoutId(JsonNode data) {
		ObjectNode copy = (ObjectNode) data.deepCopy();
		copy.remove("notificationId");
		return copy;
	}

}
