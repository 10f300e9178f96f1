package io.herald.kafka;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.KafkaRecords;
import io.herald.support.TestInfrastructure;
import io.herald.support.WebSession;
import io.herald.support.WebhookReceiver;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order placements, stocking reports and courier progress consumed from a real Kafka broker (KRaft, in-process), in
 * both modes of the CloudEvents Kafka binding, applied with the HTTP API's rules; what cannot be applied goes to the
 * dead-letter topic with its reason, and the records around it are applied all the same.
 */
@DirtiesContext
class KafkaIntakeIntegrationTests extends IntegrationTestBase {

	static final KafkaRecords kafka = new KafkaRecords(TestInfrastructure.kafka().bootstrapServers(), "intake-test");

	static final String PATH = "/kafka-intake";

	@DynamicPropertySource
	static void kafkaSettings(DynamicPropertyRegistry registry) {
		registry.add("herald.kafka.bootstrap-servers", () -> TestInfrastructure.kafka().bootstrapServers());
		registry.add("herald.kafka.intake.group-id", () -> "intake-test");
		registry.add("herald.kafka.partitions", () -> 3);
		kafka.topicSettings().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Autowired
	DeadLetters deadLetters;

	@Test
	void placementsAndStockingReportsFromKafkaBecomeWebhooksOnceHoweverOftenTheyArrive() {
		var merchant = fixtures.merchant("Kafka Acme", receiver().url(PATH));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		List<ProducerRecord<String, byte[]>> placements = List.of(
				kafka.orderPlaced(merchant.id(), Fixtures.order("K-1", 42.5063, 1.5218, null, "en"), false),
				kafka.orderPlaced(merchant.id(), Fixtures.order("K-2", 42.507, 1.52, null, "en"), true));
		kafka.publish(placements);
		eventually("both orders are placed", Duration.ofSeconds(30),
				() -> count("select count(*) from customer_order") == 2);
		String first = idOf(merchant, "K-1");
		String second = idOf(merchant, "K-2");
		assertThat(api.get("/api/v1/orders/" + first, merchant.key()).text("stationId")).isEqualTo(station.id());

		List<ProducerRecord<String, byte[]>> reports = List.of(kafka.stockedReport(station.id(), first),
				kafka.stocking(station.id(), second, "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"failedLines\":[1]}",
						true));
		kafka.publish(reports);
		eventually("the merchant heard of both reports", () -> kinds().containsAll(List.of("STOCKED", "STOCKING_FAILED")));
		awaitIdleOutbox();
		long events = count("select count(*) from order_event where order_id in (cast(? as uuid), cast(? as uuid))",
				first, second);
		long notifications = count("select count(*) from notification");
		int webhooks = receiver().received(PATH).size();

		// the same records again, as after a crash between the batch's commit and its offsets' commit
		kafka.publish(placements);
		kafka.publish(reports);
		String marker = UUID.randomUUID().toString();
		kafka.publish(kafka.orderPlaced(merchant.id(), Fixtures.order("K-" + marker, 42.5063, 1.5218, null, "en"), false));
		eventually("the records after them are applied", () -> count("select count(*) from customer_order") == 3);
		awaitIdleOutbox();
		assertThat(count("select count(*) from order_event where order_id in (cast(? as uuid), cast(? as uuid))", first,
				second)).isEqualTo(events);
		assertThat(count("select count(*) from notification where order_id in (cast(? as uuid), cast(? as uuid))",
				first, second)).isEqualTo(notifications);
		assertThat(receiver().received(PATH).size() - webhooks).as("only the third order's webhook is new")
			.isLessThanOrEqualTo(1);
		assertThat(deadLetters.byReason()).isEmpty();
		assertThat(api.get("/api/v1/orders/" + second, merchant.key()).json().get("stocking").get("status").asString()).isEqualTo("FAILED");
	}

	@Test
	void aRecordThatCannotBeAppliedGoesToTheDeadLetterTopicAndTheOthersAreApplied() {
		var merchant = fixtures.merchant("Kafka Acme", receiver().url(PATH));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var other = fixtures.station("Encamp", 42.535, 1.58, Fixtures.ENCAMP);
		String placed = fixtures.place(merchant, Fixtures.order("P-1", 42.5063, 1.5218, null, "en"));
		String elsewhere = fixtures.place(merchant, Fixtures.order("P-2", 42.535, 1.58, null, "en"));
		String contradicted = fixtures.place(merchant, Fixtures.order("P-3", 42.5063, 1.5218, null, "en"));
		assertThat(api.post("/api/v1/orders/" + contradicted + "/stocking", station.key(), "{\"status\":\"STOCKED\"}")
			.status()).isEqualTo(200);

		List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
		records.add(KafkaRecords.raw(kafka.orders, merchant.id(), "not a cloud event"));
		records.add(kafka.orderPlaced(merchant.id(), Fixtures.order("G-1", 42.5063, 1.5218, null, "en"), false));
		records.add(KafkaRecords.record(kafka.orders, merchant.id(), KafkaRecords.event("io.herald.stocking.reported",
				"stationid", station.id(), "{\"orderId\":\"" + placed + "\",\"status\":\"STOCKED\"}"), false));
		records.add(KafkaRecords.record(kafka.orders, merchant.id(), KafkaRecords.event("io.herald.order.placed", null,
				null, Fixtures.order("G-x", 42.5063, 1.5218, null, "en")), false));
		records.add(kafka.orderPlaced(merchant.id(), "{\"orderNumber\":\"G-bad\",\"items\":[]}", false));
		records.add(kafka.orderPlaced(UUID.randomUUID().toString(), Fixtures.order("G-y", 42.5063, 1.5218, null, "en"),
				true));
		records.add(kafka.orderPlaced(merchant.id(), Fixtures.order("P-1", 42.6, 1.6, null, "en"), false));
		records.add(kafka.stockedReport(UUID.randomUUID().toString(), placed));
		records.add(kafka.stockedReport(station.id(), elsewhere));
		records.add(kafka.stocking(station.id(), contradicted, "{\"status\":\"FAILED\",\"reason\":\"DAMAGED\"}", false));
		records.add(kafka.stockedReport(station.id(), placed));
		records.add(kafka.stockedReport(other.id(), elsewhere));
		records.add(kafka.orderPlaced(merchant.id(), Fixtures.order("G-2", 42.5063, 1.5218, null, "en"), true));
		kafka.publish(records);

		eventually("the good records are applied", Duration.ofSeconds(30),
				() -> count("select count(*) from customer_order where order_number in ('G-1', 'G-2')") == 2
						&& count("select count(*) from customer_order where stocking_status = 'STOCKED'") == 3);
		eventually("the bad ones are dead-lettered", () -> deadLetters.recent(null, 100).size() == 9);
		Map<String, Long> reasons = deadLetters.byReason()
			.stream()
			.collect(Collectors.toMap(DeadLetters.ReasonCount::reason, DeadLetters.ReasonCount::count));
		assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of("malformed", 1L, "unknown-type", 1L,
				"missing-identity", 1L, "invalid", 1L, "unknown-merchant", 1L, "conflict", 2L, "unknown-station", 1L,
				"not-found", 1L));
		assertThat(deadLetters.recent("conflict", 10)).extracting(DeadLetter::detail)
			.anyMatch(d -> d.contains("exists already with different content"))
			.anyMatch(d -> d.contains("already reported"));
		assertThat(deadLetters.recent("invalid", 10).get(0).detail()).contains("items");
		assertThat(count("select count(*) from customer_order where order_number in ('G-x', 'G-y', 'G-bad')")).isZero();
		assertThat(api.get("/api/v1/orders/" + contradicted, merchant.key()).json().get("stocking").get("status").asString()).isEqualTo("STOCKED");

		List<ConsumerRecord<String, byte[]>> dead = kafka.readAll(kafka.deadLetter, 9, Duration.ofSeconds(20));
		assertThat(dead).hasSize(9);
		assertThat(dead).extracting(r -> KafkaRecords.header(r, "herald_dlt-reason"))
			.containsExactlyInAnyOrderElementsOf(deadLetters.recent(null, 100).stream().map(DeadLetter::reason).toList());
		for (ConsumerRecord<String, byte[]> r : dead) {
			assertThat(KafkaRecords.header(r, "kafka_dlt-original-topic")).startsWith("intake-test.");
			assertThat(KafkaRecords.header(r, "kafka_dlt-exception-message")).isNotBlank();
			assertThat(r.headers().lastHeader("kafka_dlt-original-offset").value()).hasSize(8);
		}
		assertThat(dead).anyMatch(r -> new String(r.value()).equals("not a cloud event"));

		// the operator sees them by reason in the console, and the records of one reason with what was wrong
		var operator = fixtures.operatorAccount("olivia");
		var session = new WebSession(port);
		session.signIn(operator.username(), operator.password());
		var page = session.get("/console/kafka");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-reason=\"conflict\"").contains("data-reason=\"malformed\"")
			.contains("intake-test.dead-letter").doesNotContain("id=\"kafka-off\"");
		var conflicts = session.get("/console/kafka?reason=conflict");
		assertThat(conflicts.body()).contains("Newest of reason conflict").contains("already reported")
			.doesNotContain("not a CloudEvent");
	}

	@Test
	void courierProgressFromKafkaMovesTheRouteAndARepeatedOutcomeChangesNothing() {
		var merchant = fixtures.merchant("Kafka Acme", receiver().url(PATH));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String id = fixtures.place(merchant, Fixtures.order("R-" + i, 42.50 + i * 0.003, 1.52, null, "en"));
			assertThat(api.post("/api/v1/orders/" + id + "/stocking", station.key(), "{\"status\":\"STOCKED\"}")
				.status()).isEqualTo(200);
			orders.add(id);
		}
		var route = api.post("/api/v1/routes", station.key(), "{\"courier\":{\"name\":\"Pau\"}}");
		assertThat(route.status()).as(route.toString()).isEqualTo(201);
		String routeId = route.text("id");
		assertThat(api.post("/api/v1/routes/" + routeId + "/start", station.key(), null).status()).isEqualTo(200);

		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		kafka.publish(List.of(kafka.position(station.id(), routeId, 42.501, 1.521, now),
				kafka.stopCompleted(station.id(), routeId, orders.get(0), "{\"outcome\":\"DELIVERED\"}"),
				kafka.stopCompleted(station.id(), routeId, orders.get(0), "{\"outcome\":\"DELIVERED\"}"),
				kafka.stopCompleted(station.id(), routeId, orders.get(1),
						"{\"outcome\":\"FAILED\",\"reason\":\"CUSTOMER_ABSENT\"}"),
				kafka.position(station.id(), routeId, 42.40, 1.40, now.minusMinutes(5)),
				kafka.position(station.id(), routeId, 42.39, 1.39, now.plusHours(2)),
				kafka.stopCompleted(station.id(), routeId, orders.get(1), "{\"outcome\":\"DELIVERED\"}"),
				kafka.stopCompleted(station.id(), routeId, UUID.randomUUID().toString(), "{\"outcome\":\"DELIVERED\"}"),
				kafka.stopCompleted(station.id(), routeId, orders.get(2), "{\"outcome\":\"FAILED\"}")));

		eventually("the outcomes are applied", Duration.ofSeconds(30),
				() -> "DELIVERED".equals(api.get("/api/v1/orders/" + orders.get(0), merchant.key()).text("state"))
						&& deadLetters.recent(null, 10).size() == 4);
		assertThat(api.get("/api/v1/orders/" + orders.get(1), merchant.key()).text("state"))
			.isEqualTo("DELIVERY_FAILED");
		assertThat(api.get("/api/v1/orders/" + orders.get(2), merchant.key()).text("state"))
			.isEqualTo("OUT_FOR_DELIVERY");
		assertThat(deadLetters.recent(null, 10)).extracting(DeadLetter::reason)
			.containsExactlyInAnyOrder("conflict", "not-found", "invalid", "invalid");
		assertThat(deadLetters.recent("invalid", 10)).extracting(DeadLetter::detail).anyMatch(d -> d.contains("future"));
		JsonNode view = api.get("/api/v1/routes/" + routeId, station.key()).json();
		assertThat(view.toString()).contains("42.501");
		assertThat(count("select count(*) from order_event where order_id = cast(? as uuid) and type = 'order.delivered'",
				orders.get(0))).isEqualTo(1);
	}

	private String idOf(Fixtures.Merchant merchant, String number) {
		return api.get("/api/v1/orders/by-number/" + number, merchant.key()).text("id");
	}

	private List<String> kinds() {
		List<String> kinds = new ArrayList<>();
		for (WebhookReceiver.Received r : receiver().received(PATH)) {
			kinds.add(Api.JSON.readTree(r.body()).get("data").get("kind").asString());
		}
		return kinds;
	}

}
