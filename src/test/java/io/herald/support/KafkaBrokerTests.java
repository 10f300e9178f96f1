package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTests {

	private static final String TOPIC = "herald.test";

	@Test
	void recordsAndCommittedOffsetsSurviveARestart() throws Exception {
		long started = System.nanoTime();
		try (KafkaBroker broker = KafkaBroker.start()) {
			System.out.printf("kafka-broker: start() took %d ms%n", millisSince(started));
			broker.createTopic(TOPIC, 3);
			produce(broker, 0, 1_000);
			assertThat(consume(broker, "before", 1_000)).containsExactlyInAnyOrderElementsOf(values(0, 1_000));

			long stopping = System.nanoTime();
			broker.stop();
			System.out.printf("kafka-broker: stop() took %d ms%n", millisSince(stopping));
			long restarted = System.nanoTime();
			broker.restart();
			System.out.printf("kafka-broker: restart() took %d ms%n", millisSince(restarted));

			assertThat(consume(broker, "after", 1_000)).containsExactlyInAnyOrderElementsOf(values(0, 1_000));
			produce(broker, 1_000, 100);
			// the group of before the restart resumes from its committed offsets: it sees only the new records
			assertThat(consume(broker, "before", 100)).containsExactlyInAnyOrderElementsOf(values(1_000, 100));
		}
	}

	@Test
	void aDataDirectoryIsFormattedOnceAndKept(@TempDir Path dataDir) throws Exception {
		try (KafkaBroker broker = KafkaBroker.start(dataDir, 0)) {
			broker.createTopic(TOPIC, 3);
			broker.createTopic(TOPIC, 3);
			produce(broker, 0, 10);
		}
		try (KafkaBroker broker = KafkaBroker.start(dataDir, 0)) {
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
				assertThat(admin.listTopics().names().get()).contains(TOPIC);
			}
			assertThat(consume(broker, "again", 10)).containsExactlyInAnyOrderElementsOf(values(0, 10));
		}
	}

	private static void produce(KafkaBroker broker, int from, int count) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			List<Future<RecordMetadata>> sent = new ArrayList<>();
			for (String value : values(from, count)) {
				sent.add(producer.send(new ProducerRecord<>(TOPIC, value, value)));
			}
			for (Future<RecordMetadata> each : sent) {
				each.get();
			}
		}
	}

	/** The next {@code count} values the group sees, its offsets committed. */
	private static List<String> consume(KafkaBroker broker, String group, int count) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.size() < count && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
			}
			consumer.commitSync();
		}
		return values;
	}

	private static List<String> values(int from, int count) {
		return IntStream.range(from, from + count).mapToObj(i -> "record-" + i).toList();
	}

	private static long millisSince(long nanos) {
		return (System.nanoTime() - nanos) / 1_000_000;
	}

}
