package io.herald.support;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.LoggerFactory;

/**
 * The settings, storage format and log levels of a {@link KafkaBroker}: one KRaft node that is both broker and
 * controller, sized for tests and a developer's machine rather than for throughput.
 */
final class KafkaBrokerConfig {

	static final int NODE_ID = 1;

	private static final String CONTROLLER = "CONTROLLER";

	/** The broker's own packages, Kafka's clients (also the broker's admin client) and its state-change log. */
	private static final String[] LOGGERS = { "kafka", "org.apache.kafka", "state.change.logger" };

	private KafkaBrokerConfig() {
	}

	static KafkaConfig of(Path dataDir, int port, int controllerPort) {
		// text values, as in a server.properties file: Kafka parses each to its type (short, int, boolean)
		Map<String, String> p = new HashMap<>();
		p.put("process.roles", "broker,controller");
		p.put("node.id", Integer.toString(NODE_ID));
		// a static single voter: nothing to bootstrap, and the quorum needs no other node to elect itself
		p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
		p.put("controller.listener.names", CONTROLLER);
		p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
		p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
		p.put("inter.broker.listener.name", "PLAINTEXT");
		p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
		p.put("log.dirs", dataDir.toAbsolutePath().toString());
		// topics are Herald's to create, so that a typo in a topic name fails instead of making a topic
		p.put("auto.create.topics.enable", "false");
		// one node: every internal topic has one replica, and a consumer group forms at once
		p.put("offsets.topic.replication.factor", "1");
		p.put("transaction.state.log.replication.factor", "1");
		p.put("transaction.state.log.min.isr", "1");
		p.put("share.coordinator.state.topic.replication.factor", "1");
		p.put("share.coordinator.state.topic.min.isr", "1");
		p.put("group.initial.rebalance.delay.ms", "0");
		// stop() is a broker going down, not a planned handover: with one node there is nobody to hand over to
		p.put("controlled.shutdown.enable", "false");
		// hence a restart waits out the old registration's session, which the controller revives from its log, before
		// the broker may register again (restart() ~3.5 s): 3 s rather than the default 9 s, with heartbeats often
		// enough that a busy test JVM does not get its broker fenced by its own controller
		p.put("broker.heartbeat.interval.ms", "500");
		p.put("broker.session.timeout.ms", "3000");
		// small segments and indexes: tests write kilobytes, and a developer's disk is not the broker's alone
		p.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
		p.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
		// the compaction of __consumer_offsets otherwise takes a 128 MiB buffer of heap
		p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
		p.put("num.network.threads", "2");
		p.put("num.io.threads", "4");
		return new KafkaConfig(p, false);
	}

	/**
	 * Formats the data directory for a new cluster, unless it holds one already: its topics and offsets are kept
	 * over restarts of the broker and of bench/run kafka-broker.
	 */
	static void formatIfNew(KafkaConfig config, Path dataDir) throws Exception {
		if (Files.exists(dataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
			return;
		}
		Files.createDirectories(dataDir);
		// what kafka-storage.sh format does (kafka.tools.StorageTool) for a node with static voters
		new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
			.setNodeId(config.nodeId())
			.setClusterId(Uuid.randomUuid().toString())
			.setUnstableFeatureVersionsEnabled(false)
			.setControllerListenerName(CONTROLLER)
			.setMetadataLogDirectory(config.metadataLogDir())
			.setHasDynamicQuorum(false)
			.addDirectory(dataDir.toAbsolutePath().toString())
			.run();
	}

	/**
	 * Puts Kafka's loggers at WARN, or at the level {@code -Dlogging.level.NAME} asks for. The same system properties
	 * are what Spring Boot reads when a Herald context starts later in the JVM and resets Logback, so the broker
	 * stays quiet then too.
	 */
	static void quietLogs() {
		for (String name : LOGGERS) {
			String property = "logging.level." + name;
			String level = System.getProperty(property);
			if (level == null) {
				level = "WARN";
				System.setProperty(property, level);
			}
			if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
				logger.setLevel(Level.toLevel(level, Level.WARN));
			}
		}
	}

}
