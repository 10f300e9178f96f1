package io.herald.notification.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.herald.support.Api;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import tools.jackson.databind.JsonNode;

/** What a consumer of Herald's events topic reads, as a merchant's consumer would read it. */
record PublishedEvents(List<ConsumerRecord<String, byte[]>> records) {

	/**
	 * Everything the topic holds now, from its start to its end: with {@code acks=all} an accepted record is there, so
	 * once the outbox is idle nothing published is missing and a duplicate would be seen.
	 */
	static PublishedEvents of(String bootstrapServers, String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map(p -> new TopicPartition(topic, p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("could not read " + topic + " to its end " + end);
				}
				consumer.poll(Duration.ofMillis(100)).forEach(records::add);
			}
		}
		return new PublishedEvents(records);
	}

	/** The records of one merchant: those whose {@code ce_merchantid} header names it. */
	PublishedEvents ofMerchant(String merchantId) {
		return new PublishedEvents(records.stream().filter(r -> merchantId.equals(header(r, "ce_merchantid"))).toList());
	}

	static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	/** The record as a CloudEvent, read by the CloudEvents SDK's Kafka binding. */
	static CloudEvent event(ConsumerRecord<String, byte[]> record) {
		return KafkaMessageFactory.createReader(record).toEvent();
	}

	static JsonNode data(ConsumerRecord<String, byte[]> record) {
		return Api.JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
	}

	List<String> ids() {
		return records.stream().map(r -> header(r, "ce_id")).toList();
	}

	int size() {
		return records.size();
	}

}
