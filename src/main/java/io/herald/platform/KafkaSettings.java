package io.herald.platform;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Apache Kafka as Herald's event backbone ({@code herald.kafka.*}). Nothing of it starts unless
 * {@code herald.kafka.bootstrap-servers} is set (see {@link ConditionalOnKafka}).
 *
 * <p>
 * Herald builds its own clients from these settings rather than from Spring Boot's {@code spring.kafka.*}: intake and
 * the outbound channel need different, fixed guarantees (manual offset commits after the database commit; an
 * idempotent producer with {@code acks=all}) that a shared Boot configuration could silently loosen.
 *
 * @param bootstrapServers the brokers, e.g. {@code localhost:9092}; empty: Kafka is off
 * @param properties further client settings passed as they are to every consumer and producer, e.g.
 * {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} (from the environment, never committed)
 * @param intake the topics Herald consumes
 * @param events the topic the {@code kafka} notification channel publishes to
 * @param createTopics whether Herald creates its topics at start-up when they are missing (with {@code partitions}
 * partitions and the broker's default replication); off where topics are managed elsewhere
 * @param partitions partitions of a topic Herald creates: the most Herald nodes (consumers) that share its work
 */
@ConfigurationProperties("herald.kafka")
public record KafkaSettings(String bootstrapServers, Map<String, String> properties, @DefaultValue Intake intake,
		@DefaultValue Events events, @DefaultValue("true") boolean createTopics, @DefaultValue("6") int partitions) {

	public KafkaSettings {
		properties = properties == null ? Map.of() : Map.copyOf(properties);
	}

	public boolean enabled() {
		return bootstrapServers != null && !bootstrapServers.isBlank();
	}

	/** The settings every client shares: the brokers and the pass-through properties. */
	public Map<String, Object> clientConfig() {
		Map<String, Object> config = new HashMap<>(properties);
		config.put("bootstrap.servers", bootstrapServers);
		return config;
	}

	/**
	 * What Herald consumes.
	 *
	 * @param enabled false: a node that only publishes (the channel) and consumes nothing
	 * @param groupId the consumer group shared by all Herald nodes; they divide the partitions among them
	 * @param ordersTopic order placements, keyed by merchant
	 * @param stockingTopic stocking reports, keyed by station
	 * @param progressTopic courier progress (stop outcomes, positions), keyed by station
	 * @param deadLetterTopic where records that cannot be applied go, with the reason in their headers
	 * @param maxBatch most records applied in one PostgreSQL transaction ({@code max.poll.records})
	 * @param concurrency consumers per node (each takes its share of the partitions); 0: one per core, since a
	 * consumer applies its batches one after the other and waits for PostgreSQL meanwhile (bench/run kafka: 1 consumer
	 * was busy 95% of the time on 2 cores)
	 */
	public record Intake(@DefaultValue("true") boolean enabled, @DefaultValue("herald") String groupId,
			@DefaultValue("herald.orders") String ordersTopic, @DefaultValue("herald.stocking") String stockingTopic,
			@DefaultValue("herald.progress") String progressTopic,
			@DefaultValue("herald.dead-letter") String deadLetterTopic, @DefaultValue("500") int maxBatch,
			@DefaultValue("0") int concurrency) {

		/** The consumers a node runs. */
		public int consumers() {
			return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
		}

	}

	/**
	 * What the {@code kafka} notification channel publishes: every order event and every customer notification, as
	 * CloudEvents keyed by order id.
	 *
	 * @param topic the topic; with {@code topicPerMerchant} the prefix of one topic per merchant
	 * @param topicPerMerchant false (default): one topic, and the merchant in the record header {@code ce_merchantid}
	 * for filtering; true: {@code topic + "." + merchantId}, for merchants whose consumers may read only their own
	 */
	public record Events(@DefaultValue("herald.events") String topic, @DefaultValue("false") boolean topicPerMerchant) {
	}

}
