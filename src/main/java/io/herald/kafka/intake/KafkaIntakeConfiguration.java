package io.herald.kafka.intake;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.herald.merchant.Merchants;
import io.herald.order.Orders;
import io.herald.platform.ConditionalOnKafka;
import io.herald.platform.KafkaSettings;
import io.herald.routing.Routes;
import io.herald.station.Stations;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.backoff.ExponentialBackOff;

import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka intake's parts, only with {@code herald.kafka.bootstrap-servers} set (and
 * {@code herald.kafka.intake.enabled}, default true): a consumer group of all Herald nodes on the three intake topics,
 * one batch listener per consumer, offsets committed after each batch's transaction.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnKafka
class KafkaIntakeConfiguration {

	@Bean
	@ConditionalOnProperty(name = "herald.kafka.intake.enabled", havingValue = "true", matchIfMissing = true)
	KafkaIntake heraldKafkaIntakeListener(KafkaSettings settings, Orders orders, Routes routes, Merchants merchants,
			Stations stations, JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions, JsonMapper json,
			Validator validator, MeterRegistry meters) {
		KafkaSettings.Intake intake = settings.intake();
		IntakeBatch batch = new IntakeBatch(orders, routes, merchants, stations, new DeadLetterLog(jdbc, clock),
				transactions);
		return new KafkaIntake(new RecordDecoder(intake, json, validator), batch, deadLetterProducer(settings),
				intake.deadLetterTopic(), meters);
	}

	@Bean
	@ConditionalOnProperty(name = "herald.kafka.intake.enabled", havingValue = "true", matchIfMissing = true)
	ConcurrentMessageListenerContainer<String, byte[]> heraldKafkaIntake(KafkaSettings settings,
			KafkaIntake listener) {
		KafkaSettings.Intake intake = settings.intake();
		ContainerProperties container = new ContainerProperties(intake.ordersTopic(), intake.stockingTopic(),
				intake.progressTopic());
		container.setGroupId(intake.groupId());
		// offsets are committed once the listener has returned, i.e. after the batch's transaction has committed
		container.setAckMode(ContainerProperties.AckMode.BATCH);
		container.setMessageListener(listener);
		ConcurrentMessageListenerContainer<String, byte[]> consumers = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(consumerConfig(settings), new StringDeserializer(),
						new ByteArrayDeserializer()),
				container);
		consumers.setConcurrency(intake.consumers());
		// a failed batch (database down, Herald overloaded, dead-letter topic unreachable) is retried whole after a
		// growing pause (the consumer paused meanwhile), for as long as it takes: nothing is skipped and its offsets stay
		// uncommitted
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(10_000);
		consumers.setCommonErrorHandler(new DefaultErrorHandler(backOff));
		consumers.setBeanName("heraldKafkaIntake");
		return consumers;
	}

	private static Map<String, Object> consumerConfig(KafkaSettings settings) {
		Map<String, Object> config = settings.clientConfig();
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.intake().maxBatch());
		// a new consumer group starts from the beginning: records published before Herald first ran are applied
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		// records of an aborted producer transaction are never applied
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		return config;
	}

	private static DefaultKafkaProducerFactory<String, byte[]> deadLetterProducer(KafkaSettings settings) {
		Map<String, Object> config = new HashMap<>(settings.clientConfig());
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		// well inside the consumer's max.poll.interval.ms (5 min), so that a dead-letter topic the broker does not know
		// fails the batch (retried) instead of holding the consumer until the group evicts it; the listener waits
		// longer than a send may take, so that a send it gave up on cannot still arrive and be sent again
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, KafkaIntake.DEAD_LETTER_DELIVERY_MS);
		return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
	}

}
