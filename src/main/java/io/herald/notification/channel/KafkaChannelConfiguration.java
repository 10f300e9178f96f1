package io.herald.notification.channel;

import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.ChannelType;
import io.herald.platform.ConditionalOnKafka;
import io.herald.platform.KafkaSettings;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The Kafka channel's producer, which exists only when the channel is enabled: {@code kafka} listed in
 * {@code herald.notifications.channels} and {@code herald.kafka.bootstrap-servers} set. Otherwise no Kafka client
 * is made for it, and {@link KafkaChannel} is unavailable.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnKafka
@Conditional(KafkaChannelConfiguration.Listed.class)
class KafkaChannelConfiguration {

	@Bean(destroyMethod = "close")
	KafkaEventProducer kafkaEventProducer(KafkaSettings kafka, NotificationSettings settings) {
		return KafkaEventProducer.of(kafka, settings.dispatch().lease());
	}

	/** Whether {@code herald.notifications.channels} lists {@code kafka} (its default does not). */
	static final class Listed implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return Binder.get(context.getEnvironment())
				.bind("herald.notifications.channels", Bindable.setOf(ChannelType.class))
				.map(channels -> channels.contains(ChannelType.KAFKA))
				.orElse(false);
		}

	}

}
