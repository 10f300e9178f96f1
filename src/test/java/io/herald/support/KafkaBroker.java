package io.herald.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one), in this JVM, on 127.0.0.1:
 * for the Kafka tests and, through bench/run kafka-broker, for running Herald locally. Its data survives
 * {@link #stop()} and {@link #restart()}, on the same ports, so that tests can take the broker away under Herald.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private final Path dataDir;

	private final boolean temporary;

	private final int port;

	private final int controllerPort;

	private KafkaRaftServer server;

	private KafkaBroker(Path dataDir, boolean temporary, int port, int controllerPort) {
		this.dataDir = dataDir;
		this.temporary = temporary;
		this.port = port;
		this.controllerPort = controllerPort;
	}

	/** A broker on free ports with a fresh temporary data directory, deleted by {@link #close()}. */
	public static KafkaBroker start() {
		try {
			return start(Files.createTempDirectory("herald-kafka"), 0, true);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A broker on the data directory, formatted first if it holds no cluster yet and kept as it is otherwise.
	 * @param port the client port, 0 for a free one
	 */
	public static KafkaBroker start(Path dataDir, int port) {
		return start(dataDir, port, false);
	}

	private static KafkaBroker start(Path dataDir, int port, boolean temporary) {
		// the ports are chosen once: a restart binds the same ones, so clients find the broker where it was
		KafkaBroker broker = new KafkaBroker(dataDir, temporary, port == 0 ? TestInfrastructure.freePort() : port,
				TestInfrastructure.freePort());
		broker.run();
		return broker;
	}

	/** Where clients connect: {@code 127.0.0.1:PORT}. */
	public String bootstrapServers() {
		return "127.0.0.1:" + port;
	}

	/** Creates the topic with one replica per partition, unless it exists, and waits until each has a leader. */
	public void createTopic(String name, int partitions) {
		try (Admin admin = admin()) {
			try {
				admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
			}
			catch (ExecutionException e) {
				if (!(e.getCause() instanceof TopicExistsException)) {
					throw new IllegalStateException("cannot create topic " + name, e.getCause());
				}
			}
			awaitLeaders(admin, Set.of(name), System.nanoTime() + READY_TIMEOUT.toNanos());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Takes the broker down, with no controlled shutdown (one node has nobody to hand its partitions to): clients
	 * lose their connections at once. Its data and ports are kept for {@link #restart()}.
	 */
	public synchronized void stop() {
		if (server != null) {
			KafkaRaftServer stopping = server;
			server = null;
			stopping.shutdown();
			stopping.awaitShutdown();
		}
	}

	/**
	 * Starts the broker again on the same ports and data; returns once every partition has a leader again. That takes
	 * a few seconds: the controller accepts the broker back only when its session from before {@link #stop()} expires.
	 */
	public synchronized void restart() {
		stop();
		run();
	}

	/** Stops the broker; deletes its data directory if {@link #start()} made it. */
	@Override
	public synchronized void close() {
		stop();
		if (temporary) {
			delete(dataDir);
		}
	}

	private synchronized void run() {
		KafkaBrokerConfig.quietLogs();
		KafkaConfig config = KafkaBrokerConfig.of(dataDir, port, controllerPort);
		try {
			KafkaBrokerConfig.formatIfNew(config, dataDir);
		}
		catch (Exception e) {
			throw new IllegalStateException("cannot format Kafka's data directory " + dataDir, e);
		}
		KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
		try {
			starting.startup();
			server = starting;
			awaitReady();
		}
		catch (RuntimeException e) {
			// a half-started node still holds its ports, threads and the data directory's lock
			server = null;
			starting.shutdown();
			starting.awaitShutdown();
			throw new IllegalStateException("Kafka broker did not start on " + bootstrapServers(), e);
		}
	}

	/**
	 * Waits until the broker answers as a registered, unfenced node and every partition (internal ones too, such as
	 * the consumer offsets) has a leader: only then do produce requests and group joins succeed at once.
	 */
	private void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		try (Admin admin = admin()) {
			while (true) {
				try {
					if (!admin.describeCluster().nodes().get().isEmpty()) {
						Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
						awaitLeaders(admin, topics, deadline);
						return;
					}
				}
				catch (ExecutionException e) {
					// not listening or not unfenced yet
				}
				pause(deadline, "the broker to answer");
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static void awaitLeaders(Admin admin, Set<String> topics, long deadline) throws InterruptedException {
		while (!topics.isEmpty()) {
			try {
				Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
				if (described.values().stream().flatMap(t -> t.partitions().stream()).allMatch(KafkaBroker::led)) {
					return;
				}
			}
			catch (ExecutionException e) {
				// the broker's metadata may lag the controller's just after a topic is created
			}
			pause(deadline, "leaders of " + topics);
		}
	}

	private static boolean led(TopicPartitionInfo partition) {
		return partition.leader() != null && !partition.leader().isEmpty();
	}

	private static void pause(long deadline, String what) throws InterruptedException {
		if (System.nanoTime() > deadline) {
			throw new IllegalStateException("timed out waiting for " + what);
		}
		Thread.sleep(50);
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				10_000, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
	}

	private static void delete(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot delete " + dir, e);
		}
	}

}
