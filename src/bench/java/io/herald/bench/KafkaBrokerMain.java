package io.herald.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.herald.support.KafkaBroker;

/**
 * bench/run kafka-broker: a single-node Kafka broker (KRaft) for running Herald locally in Kafka mode, with Herald's
 * default topics created. Its data directory outlives it, so topics, records and consumer offsets are there on the
 * next run. Runs until Ctrl-C.
 */
public final class KafkaBrokerMain {

	/** The defaults of {@code herald.kafka.intake.*-topic} and {@code herald.kafka.events.topic} (KafkaSettings). */
	private static final List<String> TOPICS = List.of("herald.orders", "herald.stocking", "herald.progress",
			"herald.dead-letter", "herald.events");

	private KafkaBrokerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		PrintStream out = System.out;
		System.setOut(System.err);
		BenchOptions options;
		int port;
		int partitions;
		Path dataDir;
		try {
			options = new BenchOptions("kafka-broker", args);
			port = options.integer("port", 9092, "the client port on 127.0.0.1");
			String dir = options.text("data-dir", "DIR", "where the broker keeps its data (default ./data/kafka)");
			partitions = options.integer("partitions", 6, "partitions of each of Herald's topics, when created");
			dataDir = Path.of(dir == null ? "data/kafka" : dir).toAbsolutePath().normalize();
			if (options.helpRequested()) {
				out.print(options.help());
				return;
			}
			options.rejectUnknown();
		}
		catch (IllegalArgumentException e) {
			System.err.println("kafka-broker: " + e.getMessage());
			System.exit(2);
			return;
		}
		KafkaBroker broker = KafkaBroker.start(dataDir, port);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			// stop(), not close(): the data directory is the developer's, kept for the next run
			broker.stop();
			System.err.println("kafka-broker: stopped");
			stopped.countDown();
		}, "kafka-broker-shutdown"));
		// existing topics keep their partitions: createTopic leaves them as they are
		TOPICS.forEach(topic -> broker.createTopic(topic, partitions));
		out.printf("kafka-broker: bootstrap_servers=%s data_dir=%s%n", broker.bootstrapServers(), dataDir);
		out.printf("run Herald with --herald.kafka.bootstrap-servers=%s%n", broker.bootstrapServers());
		out.flush();
		stopped.await();
	}

}
