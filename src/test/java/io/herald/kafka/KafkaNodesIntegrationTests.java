package io.herald.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.herald.HeraldApplication;
import io.herald.support.Api;
import io.herald.support.BurstFixtures;
import io.herald.support.ChildNode;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.KafkaBroker;
import io.herald.support.KafkaRecords;
import io.herald.support.Nodes;
import io.herald.support.TestInfrastructure;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Herald nodes as a Kafka consumer group on one PostgreSQL and a real broker (KRaft, in-process): they share the
 * intake topics' partitions, and when one dies or the broker goes away in the middle of a burst, every record still
 * produces exactly one message per channel (the merchant's webhook, the customer's email, and on the events topic the
 * order event and the copy of the email), under the id of its one notification row.
 *
 * <p>
 * The node that dies runs in a JVM of its own and is killed outright (SIGKILL): what it had applied but not yet
 * committed the offsets of is applied again by the node that takes its partitions (which changes nothing), and what it
 * had claimed but not sent is sent by the others once its leases run out. A send it made but could not record is made
 * again under the same id (receivers deduplicate on it): such re-sends are counted and printed, and allowed.
 */
class KafkaNodesIntegrationTests {

	static final String PATH = "/kafka-nodes";

	static final String DOMAIN = "kafka-nodes.test";

	static final Path WORK = Path.of("target", "kafka-nodes-test");

	KafkaBroker broker;

	Process child;

	final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		if (child != null && child.isAlive()) {
			child.destroyForcibly();
		}
		nodes.forEach(ConfigurableApplicationContext::close);
		if (broker != null) {
			broker.close();
		}
		TestInfrastructure.receiver().reset();
	}

	@Test
	void threeNodesShareTheIntakeAndOneKilledHalfWayLosesAndDoublesNothing() throws Exception {
		int orders = 5_000;
		broker = KafkaBroker.start();
		KafkaRecords kafka = new KafkaRecords(broker.bootstrapServers(), "nodes");
		// the dead node's claims are taken over once their lease ends: long enough that a live node under this load never
		// overruns its own lease (which would send a row twice), short enough for a test
		Map<String, Object> properties = properties(kafka, "nodes", "10s");
		String database = (String) properties.get("spring.datasource.url");

		int childPort = TestInfrastructure.freePort();
		Map<String, Object> childProperties = new LinkedHashMap<>(properties);
		childProperties.put("server.port", childPort);
		Path childLog = WORK.resolve("herald-killed.log");
		child = ChildNode.start(childProperties, childLog);
		nodes.add(node(properties));
		nodes.add(node(properties));
		Api childApi = new Api(childPort);
		waitFor("the child node answers /actuator/health (log: " + childLog + ")", Duration.ofSeconds(120),
				() -> ChildNode.healthy(childApi), childLog);

		var station = new Fixtures(Nodes.api(nodes.get(0))).station("La Vella", 42.5063, 1.5218,
				Fixtures.ANDORRA_LA_VELLA);
		List<String> ids = placeOrders(orders);

		// the burst: one report per order, keyed by the station, and a poison record in the middle
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
		for (int i = 0; i < orders; i++) {
			records.add(report(kafka, station.id(), ids.get(i), i));
			if (i == orders / 2) {
				records.add(KafkaRecords.raw(kafka.stocking, station.id(), "{\"poison\":true}"));
			}
		}
		long started = System.nanoTime();
		kafka.publish(records);
		waitFor("the merchant has seen half of the webhooks", Duration.ofSeconds(120),
				() -> TestInfrastructure.receiver().received(PATH).size() >= orders / 2, childLog);
		child.destroyForcibly();
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child is dead").isTrue();
		int webhooksAtKill = TestInfrastructure.receiver().received(PATH).size();

		JdbcClient jdbc = nodes.get(0).getBean(JdbcClient.class);
		IntegrationTestBase.eventually("every report is applied and every message sent", Duration.ofSeconds(180),
				() -> count(jdbc, "select count(*) from customer_order where stocking_status = 'PENDING'") == 0
						&& count(jdbc, "select count(*) from notification where status <> 'SENT'") == 0);
		double seconds = (System.nanoTime() - started) / 1e9;

		Map<String, Integer> resent = assertExactlyOnePerChannel(jdbc, ids, kafka, "nodes.events");
		assertThat(count(jdbc, "select count(*) from kafka_dead_letter where reason = 'malformed'")).isEqualTo(1);
		assertThat(count(jdbc, "select count(*) from kafka_dead_letter")).isEqualTo(1);
		assertThat(webhooksAtKill).as("the kill came before the burst was over").isLessThan(orders);
		System.out.printf("kafka nodes: %d reports over 3 nodes (one killed at %d webhooks) in %.1f s; "
				+ "re-sent under the same id: %d (%s)%n", orders, webhooksAtKill, seconds, resent.size(), database);
	}

	@Test
	void theBrokerRestartedDuringABurstLosesAndDoublesNothing() throws Exception {
		int orders = 2_000;
		broker = KafkaBroker.start();
		KafkaRecords kafka = new KafkaRecords(broker.bootstrapServers(), "restart");
		// nobody dies here: Herald's default lease, and no row may be sent twice
		Map<String, Object> properties = properties(kafka, "restart", "2m");
		nodes.add(node(properties));
		nodes.add(node(properties));
		var station = new Fixtures(Nodes.api(nodes.get(0))).station("La Vella", 42.5063, 1.5218,
				Fixtures.ANDORRA_LA_VELLA);
		List<String> ids = placeOrders(orders);
		List<ProducerRecord<String, byte[]>> first = new ArrayList<>();
		List<ProducerRecord<String, byte[]>> second = new ArrayList<>();
		for (int i = 0; i < orders; i++) {
			(i < orders / 2 ? first : second).add(report(kafka, station.id(), ids.get(i), i));
		}
		kafka.publish(first);
		IntegrationTestBase.eventually("the first webhooks are out", Duration.ofSeconds(60),
				() -> TestInfrastructure.receiver().received(PATH).size() >= orders / 8);
		broker.stop();
		// the nodes' consumers lose the broker mid-batch; their offset commits fail
		Thread.sleep(3_000);
		broker.restart();
		// the producer lives on across the restart, as a merchant's would (a new one could be given the producer id of
		// the old one by this in-process broker after its abrupt stop, and be refused as out of sequence)
		kafka.publish(second);

		JdbcClient jdbc = nodes.get(0).getBean(JdbcClient.class);
		IntegrationTestBase.eventually("every report is applied and every message sent", Duration.ofSeconds(180),
				() -> count(jdbc, "select count(*) from customer_order where stocking_status = 'PENDING'") == 0
						&& count(jdbc, "select count(*) from notification where status <> 'SENT'") == 0);
		Map<String, Integer> resent = assertExactlyOnePerChannel(jdbc, ids, kafka, "restart.events");
		assertThat(count(jdbc, "select count(*) from kafka_dead_letter")).isZero();
		assertThat(resent).as("webhook-ids and Message-IDs received more than once").isEmpty();
		System.out.printf("kafka broker restart: %d reports over 2 nodes; re-sent under the same id: %d%n", orders,
				resent.size());
		kafka.close();
	}

	/**
	 * Every order: its report applied as sent; one notification row per channel, SENT; the merchant's endpoint saw
	 * exactly one webhook-id for it and the customer exactly one Message-ID, each its row's. Returns the ids seen more
	 * than once (re-sent under the same id).
	 */
	private Map<String, Integer> assertExactlyOnePerChannel(JdbcClient jdbc, List<String> ids, KafkaRecords events,
			String eventsTopic) {
		Map<String, Integer> indexOf = new HashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			indexOf.put(ids.get(i), i);
		}
		Map<String, String> stocking = new HashMap<>();
		jdbc.sql("select id, stocking_status from customer_order")
			.query((java.sql.ResultSet rs) -> {
				stocking.put(rs.getString(1), rs.getString(2));
			});
		assertThat(stocking).hasSize(ids.size());
		stocking.forEach((id, status) -> assertThat(status).as(id)
			.isEqualTo(BurstFixtures.fails(indexOf.get(id)) ? "FAILED" : "STOCKED"));

		Map<String, Map<String, String>> rowByOrderAndChannel = new HashMap<>();
		jdbc.sql("select order_id, channel, recipient, kind, id from notification").query((java.sql.ResultSet rs) -> {
			String orderId = rs.getString(1);
			assertThat(rs.getString(4)).isEqualTo(BurstFixtures.kind(indexOf.get(orderId)));
			// the kafka channel has two rows per event: the order event and the copy of the customer's message
			String channel = rs.getString(2).equals("KAFKA") ? "KAFKA:" + rs.getString(3) : rs.getString(2);
			String previous = rowByOrderAndChannel.computeIfAbsent(orderId, k -> new HashMap<>())
				.put(channel, rs.getString(5));
			assertThat(previous).as("a second " + rs.getString(2) + " notification for order " + orderId).isNull();
		});
		assertThat(rowByOrderAndChannel.keySet()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(rowByOrderAndChannel.values())
			.allSatisfy(byChannel -> assertThat(byChannel.keySet()).containsExactlyInAnyOrder("WEBHOOK", "EMAIL",
					"KAFKA:order-event", "KAFKA:customer-message"));

		Map<String, Set<String>> webhookIds = new HashMap<>();
		Map<String, Integer> timesById = new TreeMap<>();
		for (var webhook : BurstFixtures.webhooks(PATH)) {
			webhookIds.computeIfAbsent(webhook.orderId(), k -> new HashSet<>()).add(webhook.id());
			timesById.merge(webhook.id(), 1, Integer::sum);
		}
		assertThat(webhookIds.keySet()).containsExactlyInAnyOrderElementsOf(ids);
		webhookIds.forEach((orderId, seen) -> assertThat(seen).as("webhook-ids for order " + orderId)
			.containsExactly("msg_" + rowByOrderAndChannel.get(orderId).get("WEBHOOK")));

		IntegrationTestBase.eventually("an email per order has arrived", Duration.ofSeconds(60),
				() -> BurstFixtures.emails(DOMAIN).stream().map(BurstFixtures.Email::order).distinct().count() == ids
					.size());
		Map<Integer, Set<String>> messageIds = new HashMap<>();
		for (var email : BurstFixtures.emails(DOMAIN)) {
			messageIds.computeIfAbsent(email.order(), k -> new HashSet<>()).add(email.messageId());
			timesById.merge(email.messageId(), 1, Integer::sum);
		}
		messageIds.forEach((order, seen) -> assertThat(seen).as("Message-IDs for order " + order).hasSize(1));
		// the events topic: per order exactly one ce_id for its order event and one for the copy of its email, its rows'
		Map<String, Set<String>> eventIds = new HashMap<>();
		for (var record : events.readAll(eventsTopic, 2 * ids.size(), Duration.ofSeconds(60))) {
			String type = KafkaRecords.header(record, "ce_type");
			String slot = record.key() + (type.startsWith("io.herald.message.") ? ":customer-message" : ":order-event");
			eventIds.computeIfAbsent(slot, k -> new HashSet<>()).add(KafkaRecords.header(record, "ce_id"));
			timesById.merge(KafkaRecords.header(record, "ce_id"), 1, Integer::sum);
		}
		assertThat(eventIds).hasSize(2 * ids.size());
		eventIds.forEach((slot, seen) -> {
			String[] parts = slot.split(":");
			assertThat(seen).as("ce_ids of " + slot)
				.containsExactly("msg_" + rowByOrderAndChannel.get(parts[0]).get("KAFKA:" + parts[1]));
		});

		Map<String, Integer> resent = new TreeMap<>();
		timesById.forEach((id, times) -> {
			if (times > 1) {
				resent.put(id, times);
			}
		});
		return resent;
	}

	/** A merchant whose endpoint is the receiver, and its orders placed through the first node's API; their ids. */
	private List<String> placeOrders(int orders) {
		Api api = Nodes.api(nodes.get(0));
		var merchant = new Fixtures(api).merchant("Acme", TestInfrastructure.receiver().url(PATH));
		List<String> ids = new ArrayList<>();
		for (int from = 0; from < orders; from += 500) {
			ids.addAll(BurstFixtures.place(api, merchant, from, from + 500, DOMAIN));
		}
		return ids;
	}

	private static ProducerRecord<String, byte[]> report(KafkaRecords kafka, String stationId, String orderId, int i) {
		return BurstFixtures.fails(i)
				? kafka.stocking(stationId, orderId, "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}", i % 2 == 0)
				: kafka.stocking(stationId, orderId, "{\"status\":\"STOCKED\"}", i % 3 == 0);
	}

	private Map<String, Object> properties(KafkaRecords kafka, String group, String lease) throws Exception {
		TestInfrastructure.receiver().reset();
		TestInfrastructure.receiver().answerAfter(Duration.ofMillis(1), Duration.ofMillis(5));
		TestInfrastructure.greenMail().purgeEmailFromAllMailboxes();
		Map<String, Object> properties = BurstFixtures.nodeProperties();
		properties.put("herald.notifications.channels", "webhook,email,kafka");
		properties.put("herald.kafka.events.topic", group + ".events");
		properties.put("herald.notifications.dispatch.lease", lease);
		properties.put("herald.notifications.base-delay", "50ms");
		properties.put("herald.notifications.max-delay", "200ms");
		properties.put("herald.kafka.bootstrap-servers", broker.bootstrapServers());
		properties.put("herald.kafka.intake.group-id", group);
		properties.put("herald.kafka.partitions", 6);
		// a dead consumer's partitions go to the others after 6 s rather than the default 45 s
		properties.put("herald.kafka.properties.session.timeout.ms", 6000);
		properties.put("herald.kafka.properties.heartbeat.interval.ms", 1000);
		properties.putAll(kafka.topicSettings());
		return properties;
	}

	private static ConfigurableApplicationContext node(Map<String, Object> properties) {
		Map<String, Object> own = new LinkedHashMap<>(properties);
		own.put("server.port", "0");
		return new SpringApplicationBuilder(HeraldApplication.class).run(Nodes.args(own));
	}

	private static long count(JdbcClient jdbc, String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private void waitFor(String what, Duration timeout, BooleanSupplier condition, Path childLog) {
		IntegrationTestBase.eventually(what, timeout, () -> {
			if (child != null && !child.isAlive()) {
				fail("the child node died (exit " + child.exitValue() + ") while waiting until " + what + ":\n"
						+ ChildNode.tail(childLog, 40));
			}
			return condition.getAsBoolean();
		});
	}

}
