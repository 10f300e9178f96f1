package io.herald.kafka;

import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code herald.kafka.bootstrap-servers} nothing of Kafka starts, and the console says the intake is off. */
class KafkaOffIntegrationTests extends IntegrationTestBase {

	@Autowired
	ApplicationContext context;

	@Test
	void withoutBootstrapServersNoKafkaClientExists() {
		assertThat(context.getBeansOfType(MessageListenerContainer.class)).isEmpty();
		assertThat(context.getBeansOfType(KafkaAdmin.class)).isEmpty();
		assertThat(context.getBeanNamesForType(org.springframework.kafka.core.ProducerFactory.class)).isEmpty();

		var operator = fixtures.operatorAccount("olivia");
		var session = new WebSession(port);
		session.signIn(operator.username(), operator.password());
		var page = session.get("/console/kafka");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"kafka-off\"").contains("No dead letters.");
	}

}
