package io.herald.notification;

import java.time.Duration;

import io.herald.support.FaultyReceiver.Behaviour;
import io.herald.support.FaultyReceiver;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults a plain HTTP server cannot produce: a connection reset mid-request and a receiver slower (10 s) than
 * the sender's timeout (3 s in tests). Each ends with the message delivered, the row SENT after exactly two
 * attempts, and the receiver having seen exactly two requests carrying one and the same webhook-id.
 */
class WebhookFaultIntegrationTests extends IntegrationTestBase {

	FaultyReceiver faulty;

	@BeforeEach
	void start() throws Exception {
		faulty = new FaultyReceiver();
	}

	@AfterEach
	void stop() throws Exception {
		faulty.close();
	}

	String stocked(String path) {
		var merchant = fixtures.merchant("Acme", faulty.url(path));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = fixtures.place(merchant, Fixtures.order("F-1", 42.507, 1.52, null, "en"));
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}")
			.status()).isEqualTo(200);
		return orderId;
	}

	Object[] row(String orderId) {
		return jdbc.sql("""
				select status, attempts, last_error from notification
				where order_id = ?::uuid and channel = 'WEBHOOK'""")
			.param(orderId)
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getInt(2), rs.getString(3) })
			.single();
	}

	@Test
	void aConnectionResetIsRetriedAndTheMessageArrivesOnce() {
		faulty.then(new Behaviour.Reset());
		String orderId = stocked("/reset");
		eventually("the notification is sent", () -> "SENT".equals(row(orderId)[0]));
		assertThat(row(orderId)[1]).isEqualTo(2);
		assertThat(faulty.received()).extracting(FaultyReceiver.Request::behaviour).containsExactly("Reset", "ok");
		assertThat(faulty.received().stream().map(FaultyReceiver.Request::webhookId).distinct()).hasSize(1);
	}

	@Test
	void aReceiverSlowerThanTheTimeoutIsRetriedWithTheSameId() {
		faulty.then(new Behaviour.Slow(Duration.ofSeconds(10)));
		String orderId = stocked("/slow");
		eventually("the notification is sent", () -> "SENT".equals(row(orderId)[0]));
		assertThat(row(orderId)[1]).isEqualTo(2);
		assertThat(faulty.received()).extracting(FaultyReceiver.Request::behaviour).containsExactly("Slow", "ok");
		// the receiver may have processed the slow one too: the shared id lets it see the second is the same message
		assertThat(faulty.received().stream().map(FaultyReceiver.Request::webhookId).distinct()).hasSize(1);
	}

}
