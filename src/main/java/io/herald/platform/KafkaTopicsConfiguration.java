package io.herald.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Herald's topics, created at start-up when missing and {@code herald.kafka.create-topics} is on (a laptop, a test;
 * production may manage them itself): the intake's, its dead-letter topic and the events topic, for a node that
 * consumes and for one that only publishes alike.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnKafka
class KafkaTopicsConfiguration {

	@Bean
	KafkaAdmin heraldKafkaAdmin(KafkaSettings settings) {
		KafkaAdmin admin = new KafkaAdmin(settings.clientConfig());
		admin.setAutoCreate(settings.createTopics());
		admin.setModifyTopicConfigs(false);
		return admin;
	}

	@Bean
	KafkaAdmin.NewTopics heraldTopics(KafkaSettings settings) {
		KafkaSettings.Intake intake = settings.intake();
		List<String> names = new ArrayList<>(List.of(intake.ordersTopic(), intake.stockingTopic(),
				intake.progressTopic(), intake.deadLetterTopic()));
		if (!settings.events().topicPerMerchant()) {
			names.add(settings.events().topic());
		}
		return new KafkaAdmin.NewTopics(names.stream()
			.distinct()
			.map(name -> new NewTopic(name, Optional.of(settings.partitions()), Optional.empty()))
			.toArray(NewTopic[]::new));
	}

}
