package io.herald.notification.channel;

import java.util.Arrays;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kafka channel listed but Kafka not configured (no {@code herald.kafka.bootstrap-servers}): the channel is
 * unavailable, no notification is planned for it, and nothing of Kafka exists in the application; the other channels
 * carry on.
 */
@TestPropertySource(properties = "herald.notifications.channels=webhook,email,live,log,kafka")
class KafkaChannelUnconfiguredIntegrationTests extends IntegrationTestBase {

	@Autowired
	ApplicationContext context;

	@Autowired
	KafkaChannel channel;

	@Test
	void withoutBootstrapServersNothingOfKafkaStartsAndNothingIsPlannedForIt() {
		assertThat(channel.available()).isFalse();
		assertThat(context.getBeanNamesForType(KafkaEventProducer.class)).isEmpty();
		assertThat(Arrays.stream(context.getBeanDefinitionNames())
			.map(context::getType)
			.filter(type -> type != null && (type.getName().startsWith("org.apache.kafka.")
					|| type.getName().startsWith("org.springframework.kafka."))))
			.isEmpty();

		var acme = fixtures.merchant("Acme", null);
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String order = fixtures.place(acme, Fixtures.order("N-1", 42.507, 1.52, "n@example.com", "en"));
		assertThat(api.post("/api/v1/orders/" + order + "/stocking", station.key(), "{\"status\":\"STOCKED\"}").status())
			.isEqualTo(200);
		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);
		awaitIdleOutbox();
		assertThat(jdbc.sql("select channel from notification where order_id = ?::uuid order by channel")
			.param(order).query(String.class).list()).containsExactly("EMAIL", "LIVE", "LOG");
	}

}
