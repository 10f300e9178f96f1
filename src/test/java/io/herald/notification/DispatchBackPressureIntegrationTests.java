package io.herald.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.herald.support.FaultyReceiver.Behaviour;
import io.herald.support.FaultyReceiver;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-pressure from sending to intake: a receiver that takes 700 ms per webhook, one send at a time, and a maximum
 * lag of 300 ms. Once the notifications wait longer than that for their send, a stocking report is refused with 503
 * problem+json and a time to retry after, and changes nothing; once sending has caught up, the same report is taken.
 */
@TestPropertySource(properties = { "herald.notifications.dispatch.max-in-flight=1",
		"herald.notifications.dispatch.max-lag=300ms" })
class DispatchBackPressureIntegrationTests extends IntegrationTestBase {

	FaultyReceiver slow;

	@BeforeEach
	void start() throws Exception {
		slow = new FaultyReceiver();
	}

	@AfterEach
	void stop() throws Exception {
		slow.close();
	}

	@Test
	void intakeIsRefusedWhileSendingLagsAndTakenAgainOnceItCaughtUp() {
		var merchant = fixtures.merchant("Acme", slow.url("/hooks"));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			orders.add(fixtures.place(merchant, Fixtures.order("BP-" + i, 42.507, 1.52, null, "en")));
		}
		String last = fixtures.place(merchant, Fixtures.order("BP-last", 42.507, 1.52, null, "en"));
		for (int i = 0; i < orders.size(); i++) {
			slow.then(new Behaviour.Slow(Duration.ofMillis(700)));
		}
		for (String order : orders) {
			assertThat(report(order, station).status()).isEqualTo(200);
		}

		// the second webhook is claimed when the first one's 700 ms are over, having waited that long: more than 300 ms
		eventually("the second webhook is being sent", () -> slow.received().size() >= 2);
		var refused = report(last, station);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:herald:problem:overloaded");
		assertThat(refused.json().get("retryAfterSeconds").asInt()).isPositive();
		assertThat(count("select count(*) from customer_order where id = ?::uuid and stocking_status = 'PENDING'", last))
			.as("the refused report changed nothing").isEqualTo(1);
		assertThat(count("select count(*) from notification where order_id = ?::uuid", last)).isZero();

		eventually("every webhook was sent", () -> count(
				"select count(*) from notification where channel = 'WEBHOOK' and status = 'SENT'") == orders.size());
		eventually("intake is taken again", () -> report(last, station).status() == 200);
		eventually("its webhook is sent", () -> count("""
				select count(*) from notification
				where order_id = ?::uuid and channel = 'WEBHOOK' and status = 'SENT'""", last) == 1);
	}

	private io.herald.support.Api.Response report(String order, Fixtures.Station station) {
		return api.post("/api/v1/orders/" + order + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
	}

}
