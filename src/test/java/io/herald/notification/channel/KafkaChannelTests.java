package io.herald.notification.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.NotificationKind;
import io.herald.platform.KafkaSettings;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TestInfrastructure;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka channel's records and producer settings, and its outcomes without a broker. */
class KafkaChannelTests {

	static final String EVENT = """
			{"specversion":"1.0","id":"msg_00000000-0000-0000-0000-000000000000","source":"/herald/merchants/%s",\
			"type":"io.herald.notification.stocked","datacontenttype":"application/json",\
			"time":"2026-11-24T02:00:00Z","data":{"kind":"STOCKED","orderNumber":"A-1"}}""";

	final UUID merchant = UUID.randomUUID();

	final UUID order = UUID.randomUUID();

	final UUID id = UUID.randomUUID();

	static KafkaSettings kafka(String bootstrap, boolean topicPerMerchant, Map<String, String> properties) {
		return new KafkaSettings(bootstrap, properties, new KafkaSettings.Intake(true, "herald", "o", "s", "p", "d", 500,
				1), new KafkaSettings.Events("herald.events", topicPerMerchant), true, 6);
	}

	static NotificationSettings settings(String... properties) {
		var source = new java.util.HashMap<String, String>();
		for (String property : properties) {
			source.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
		}
		return new Binder(new MapConfigurationPropertySource(source))
			.bindOrCreate("herald.notifications", Bindable.of(NotificationSettings.class));
	}

	Message message() {
		return new Message(id, order, merchant, NotificationKind.STOCKED, "order-event", "en", "Ready", "text",
				EVENT.formatted(merchant), 1);
	}

	KafkaChannel channel(boolean topicPerMerchant) {
		var producer = KafkaEventProducer.of(kafka("127.0.0.1:1", topicPerMerchant, Map.of()), Duration.ofMinutes(2));
		return new KafkaChannel(Optional.of(producer), kafka("127.0.0.1:1", topicPerMerchant, Map.of()), settings());
	}

	@Test
	void aRecordIsTheStoredEventInBinaryModeUnderTheRowsIdKeyedByOrder() {
		ProducerRecord<String, byte[]> record = channel(false).record(message());
		assertThat(record.topic()).isEqualTo("herald.events");
		assertThat(record.key()).isEqualTo(order.toString());
		assertThat(new String(record.value(), StandardCharsets.UTF_8))
			.isEqualTo("{\"kind\":\"STOCKED\",\"orderNumber\":\"A-1\"}");
		assertThat(header(record, "ce_id")).isEqualTo("msg_" + id);
		assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(header(record, "ce_source")).isEqualTo("/herald/merchants/" + merchant);
		assertThat(header(record, "ce_type")).isEqualTo("io.herald.notification.stocked");
		assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(Instant.parse("2026-11-24T02:00:00Z"));
		assertThat(header(record, "ce_subject")).isEqualTo(order.toString());
		assertThat(header(record, "ce_merchantid")).isEqualTo(merchant.toString());
		assertThat(header(record, "content-type")).isEqualTo("application/json");

		assertThat(channel(true).record(message()).topic()).isEqualTo("herald.events." + merchant);
	}

	@Test
	void withoutBootstrapServersTheChannelIsUnavailableAndRefusesForGood() {
		var off = new KafkaChannel(Optional.empty(), kafka(null, false, Map.of()), settings());
		assertThat(off.available()).isFalse();
		assertThat(off.send(message()).result()).isEqualTo(SendOutcome.Result.PERMANENT);
	}

	@Test
	void theProducerIsIdempotentWaitsForAllReplicasAndGivesUpWellWithinTheLease() {
		var config = KafkaEventProducer.config(kafka("k:9092", false,
				Map.of("acks", "1", "enable.idempotence", "false", "security.protocol", "SASL_SSL")),
				KafkaEventProducer.deliveryTimeout(Duration.ofMinutes(2)));
		assertThat(config).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
			.containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
			.containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000)
			.containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 7_500L)
			.containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("bootstrap.servers", "k:9092");
		assertThat(KafkaEventProducer.deliveryTimeout(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
		assertThat(KafkaEventProducer.deliveryTimeout(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aRecordTooLargeOrRefusedIsPermanentAnythingElseIsRetried() {
		assertThat(KafkaEventProducer.permanent(new RecordTooLargeException("big"))).isTrue();
		assertThat(KafkaEventProducer.permanent(new TopicAuthorizationException("no"))).isTrue();
		assertThat(KafkaEventProducer.permanent(new TimeoutException("later"))).isFalse();
	}

	@Test
	void anUnreachableBrokerIsARetryWithinTheDeliveryTimeoutNeverAnException() {
		int closed = TestInfrastructure.freePort();
		try (var producer = KafkaEventProducer.of(kafka("127.0.0.1:" + closed, false, Map.of()), Duration.ofSeconds(4))) {
			var channel = new KafkaChannel(Optional.of(producer), kafka("127.0.0.1:" + closed, false, Map.of()),
					settings());
			long start = System.nanoTime();
			SendOutcome outcome = channel.sendAsync(message(), Runnable::run).join();
			assertThat(outcome.result()).isEqualTo(SendOutcome.Result.RETRY);
			assertThat(outcome.error()).startsWith("Kafka: TimeoutException");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void aProducerThatCannotRecoverIsReplacedAtTheNextSendAndOnlyOnce() {
		var made = new java.util.concurrent.CopyOnWriteArrayList<MockProducer<String, byte[]>>();
		try (var producer = new KafkaEventProducer(() -> {
			var mock = new MockProducer<String, byte[]>(false, null, new StringSerializer(), new ByteArraySerializer());
			made.add(mock);
			return mock;
		}, Duration.ofSeconds(5))) {
			var record = new ProducerRecord<String, byte[]>("herald.events", "k", new byte[0]);
			var first = producer.send(record);
			var second = producer.send(record);
			await(() -> made.size() == 1 && made.get(0).history().size() == 2);
			made.get(0).errorNext(new ClusterAuthorizationException("no idempotent writes"));
			made.get(0).errorNext(new ClusterAuthorizationException("no idempotent writes"));
			assertThat(first.join().result()).isEqualTo(SendOutcome.Result.PERMANENT);
			assertThat(second.join().result()).isEqualTo(SendOutcome.Result.PERMANENT);

			var third = producer.send(record);
			await(() -> made.size() == 2 && made.get(1).history().size() == 1);
			assertThat(made.get(0).closed()).isTrue();
			made.get(1).completeNext();
			assertThat(third.join().result()).isEqualTo(SendOutcome.Result.SENT);
			producer.send(record);
			await(() -> made.get(1).history().size() == 2);
			assertThat(made).hasSize(2);
		}
	}

	private static void await(java.util.function.BooleanSupplier condition) {
		IntegrationTestBase.eventually("the producer's sends", Duration.ofSeconds(5), condition);
	}

	private static String header(ProducerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

}
