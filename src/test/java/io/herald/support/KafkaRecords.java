package io.herald.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds and publishes Kafka intake records as a merchant's or station's system would: CloudEvents in the Kafka
 * binding, binary mode ({@code ce_*} headers) or structured mode (the whole event as JSON), keyed by merchant or
 * station. The shapes are those the README documents.
 */
public final class KafkaRecords implements AutoCloseable {

	/** Topic names: {@code prefix.orders}, {@code prefix.stocking}, {@code prefix.progress}, {@code prefix.dead-letter}. */
	public final String orders;

	public final String stocking;

	public final String progress;

	public final String deadLetter;

	private final KafkaProducer<String, byte[]> producer;

	private final String bootstrapServers;

	/** @param prefix of the topic names ({@code herald} in Herald's defaults), one per test class */
	public KafkaRecords(String bootstrapServers, String prefix) {
		this.bootstrapServers = bootstrapServers;
		this.orders = prefix + ".orders";
		this.stocking = prefix + ".stocking";
		this.progress = prefix + ".progress";
		this.deadLetter = prefix + ".dead-letter";
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	/** An order placed by a merchant: the API's order JSON as data, the merchant in {@code merchantid}. */
	public ProducerRecord<String, byte[]> orderPlaced(String merchantId, String orderJson, boolean structured) {
		return record(orders, merchantId, event("io.herald.order.placed", "merchantid", merchantId, orderJson),
				structured);
	}

	/** A station's stocking report: the single-report API's JSON plus the order's id. */
	public ProducerRecord<String, byte[]> stocking(String stationId, String orderId, String reportJson,
			boolean structured) {
		String data = "{\"orderId\":\"" + orderId + "\"," + reportJson.strip().substring(1);
		return record(stocking, stationId, event("io.herald.stocking.reported", "stationid", stationId, data),
				structured);
	}

	public ProducerRecord<String, byte[]> stockedReport(String stationId, String orderId) {
		return stocking(stationId, orderId, "{\"status\":\"STOCKED\"}", false);
	}

	/** A stop's outcome on one of the station's routes. */
	public ProducerRecord<String, byte[]> stopCompleted(String stationId, String routeId, String orderId,
			String outcomeJson) {
		String data = "{\"routeId\":\"" + routeId + "\",\"orderId\":\"" + orderId + "\","
				+ outcomeJson.strip().substring(1);
		return record(progress, stationId, event("io.herald.stop.completed", "stationid", stationId, data), false);
	}

	/** Where the courier of one of the station's routes is. */
	public ProducerRecord<String, byte[]> position(String stationId, String routeId, double lat, double lon,
			OffsetDateTime at) {
		String data = "{\"routeId\":\"" + routeId + "\",\"lat\":" + lat + ",\"lon\":" + lon + ",\"at\":\"" + at
				+ "\"}";
		return record(progress, stationId, event("io.herald.courier.position", "stationid", stationId, data), false);
	}

	/** A record with any value and no CloudEvents headers: what a misconfigured producer sends. */
	public static ProducerRecord<String, byte[]> raw(String topic, String key, String value) {
		return new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8));
	}

	public static CloudEvent event(String type, String identityAttribute, String identity, String json) {
		CloudEventBuilder builder = CloudEventBuilder.v1()
			.withId(UUID.randomUUID().toString())
			.withSource(URI.create("urn:test:producer"))
			.withType(type)
			.withDataContentType("application/json")
			.withData(json.getBytes(StandardCharsets.UTF_8));
		if (identityAttribute != null) {
			builder.withExtension(identityAttribute, identity);
		}
		return builder.build();
	}

	public static ProducerRecord<String, byte[]> record(String topic, String key, CloudEvent event,
			boolean structured) {
		var writer = KafkaMessageFactory.createWriter(topic, key);
		return structured ? writer.writeStructured(event, JsonFormat.CONTENT_TYPE) : writer.writeBinary(event);
	}

	/** Herald's settings for these topics. */
	public Map<String, String> topicSettings() {
		return Map.of("herald.kafka.intake.orders-topic", orders, "herald.kafka.intake.stocking-topic", stocking,
				"herald.kafka.intake.progress-topic", progress, "herald.kafka.intake.dead-letter-topic", deadLetter);
	}

	/** Publishes the records and waits until the broker has them all. */
	public void publish(List<ProducerRecord<String, byte[]>> records) {
		List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
		producer.flush();
		for (Future<RecordMetadata> f : sent) {
			try {
				f.get(30, TimeUnit.SECONDS);
			}
			catch (Exception e) {
				throw new IllegalStateException("could not publish", e);
			}
		}
	}

	public void publish(ProducerRecord<String, byte[]> record) {
		publish(List.of(record));
	}

	/** Publishes without waiting (load generators). */
	public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
		return producer.send(record);
	}

	/** Reads the topic from its start until at least {@code atLeast} records came, or the timeout passed. */
	public List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast, Duration timeout) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (read.size() < atLeast && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(read::add);
			}
			// anything more that is there already (a duplicate would be)
			consumer.poll(Duration.ofMillis(500)).forEach(read::add);
		}
		return read;
	}

	/** A header's value as text, or null. */
	public static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		producer.close();
	}

}
