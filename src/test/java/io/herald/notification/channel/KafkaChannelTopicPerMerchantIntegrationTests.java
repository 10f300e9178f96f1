package io.herald.notification.channel;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static io.herald.notification.channel.PublishedEvents.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code herald.kafka.events.topic-per-merchant}, each merchant's events go to a topic of its own
 * ({@code herald.events.<merchant id>}), which Kafka's ACLs can open to that merchant alone.
 */
@TestPropertySource(properties = { "herald.notifications.channels=webhook,email,live,log,kafka",
		"herald.kafka.events.topic-per-merchant=true" })
@DirtiesContext // its producer would outlive the broker, which stops with the class
class KafkaChannelTopicPerMerchantIntegrationTests extends IntegrationTestBase {

	static KafkaBroker broker;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("herald.kafka.bootstrap-servers", () -> broker().bootstrapServers());
		// a node that only publishes: the intake is the kafka module's tests' concern
		registry.add("herald.kafka.intake.enabled", () -> "false");
	}

	static synchronized KafkaBroker broker() {
		if (broker == null) {
			broker = KafkaBroker.start();
			broker.createTopic("herald.events", 1);
		}
		return broker;
	}

	@AfterAll
	static void stopBroker() {
		if (broker != null) {
			broker.close();
			broker = null;
		}
	}

	@Test
	void eachMerchantsEventsGoToItsOwnTopic() {
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var acme = fixtures.merchant("Acme", null);
		var globex = fixtures.merchant("Globex", null);
		broker.createTopic("herald.events." + acme.id(), 2);
		broker.createTopic("herald.events." + globex.id(), 2);
		String acmeOrder = fixtures.place(acme, Fixtures.order("A-1", 42.507, 1.52, "a@example.com", "en"));
		String globexOrder = fixtures.place(globex, Fixtures.order("G-1", 42.507, 1.52, null, "en"));
		for (String order : new String[] { acmeOrder, globexOrder }) {
			assertThat(api.post("/api/v1/orders/" + order + "/stocking", station.key(), "{\"status\":\"STOCKED\"}")
				.status()).isEqualTo(200);
		}
		eventually("the kafka rows are sent",
				() -> count("select count(*) from notification where channel = 'KAFKA' and status = 'SENT'") == 3);
		awaitIdleOutbox();

		// Acme: the event and the copy of the email; Globex's customer has no address, so only the event
		var acmeEvents = PublishedEvents.of(broker.bootstrapServers(), "herald.events." + acme.id());
		assertThat(acmeEvents.records()).extracting(r -> header(r, "ce_type"))
			.containsExactlyInAnyOrder("io.herald.notification.stocked", "io.herald.message.stocked");
		assertThat(acmeEvents.records()).allSatisfy(r -> {
			assertThat(r.key()).isEqualTo(acmeOrder);
			assertThat(header(r, "ce_merchantid")).isEqualTo(acme.id());
		});
		var globexEvents = PublishedEvents.of(broker.bootstrapServers(), "herald.events." + globex.id());
		assertThat(globexEvents.records()).singleElement().satisfies(r -> {
			assertThat(r.key()).isEqualTo(globexOrder);
			assertThat(header(r, "ce_type")).isEqualTo("io.herald.notification.stocked");
		});
		assertThat(PublishedEvents.of(broker.bootstrapServers(), "herald.events").size()).isZero();
	}

}
