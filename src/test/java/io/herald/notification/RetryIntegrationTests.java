package io.herald.notification;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failure paths of the webhook channel against a real loopback receiver (max 4 attempts, 50-200 ms backoff). */
class RetryIntegrationTests extends IntegrationTestBase {

	String stockedOrder(Fixtures.Merchant merchant, Fixtures.Station station, String number) {
		String orderId = fixtures.place(merchant, Fixtures.order(number, 42.507, 1.52, null, "en"));
		var report = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
		assertThat(report.status()).isEqualTo(200);
		return orderId;
	}

	String webhookStatus(String orderId) {
		return jdbc.sql("select status from notification where order_id = ?::uuid and channel = 'WEBHOOK'")
			.param(orderId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	@Test
	void receiverAnswering500Then200GetsTheMessageOnceWithTheSameId() {
		receiver().respondWith(500);
		var merchant = fixtures.merchant("Acme", receiver().url("/flaky"));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = stockedOrder(merchant, station, "R-1");

		eventually("the notification is sent", () -> "SENT".equals(webhookStatus(orderId)));
		awaitIdleOutbox();
		var requests = receiver().received("/flaky");
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).answeredWith()).isEqualTo(500);
		assertThat(requests.get(1).answeredWith()).isEqualTo(200);
		assertThat(requests.get(1).header("webhook-id")).isEqualTo(requests.get(0).header("webhook-id"));
		assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
		assertThat(count("select attempts from notification where order_id = ?::uuid and channel = 'WEBHOOK'",
				orderId)).isEqualTo(2);
	}

	@Test
	void receiverDownUntilTheRetryLimitEndsDeadWithTheReason() {
		var merchant = fixtures.merchant("Acme", WebhookReceiver.deadUrl());
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = stockedOrder(merchant, station, "R-2");

		eventually("the notification is dead", () -> "DEAD".equals(webhookStatus(orderId)));
		var row = jdbc.sql("select attempts, last_error from notification where order_id = ?::uuid and channel = 'WEBHOOK'")
			.param(orderId)
			.query((rs, n) -> new Object[] { rs.getInt(1), rs.getString(2) })
			.single();
		assertThat(row[0]).isEqualTo(4);
		assertThat((String) row[1]).contains("gave up after 4 attempts").contains("connection failed");
		var history = api.get("/api/v1/orders/" + orderId + "/notifications", merchant.key()).json();
		assertThat(history.findValuesAsString("status")).contains("DEAD", "SENT");
	}

	@Test
	void permanentClientErrorIsDeadAtOnce() {
		receiver().respondWith(410);
		var merchant = fixtures.merchant("Acme", receiver().url("/gone"));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = stockedOrder(merchant, station, "R-3");

		eventually("the notification is dead", () -> "DEAD".equals(webhookStatus(orderId)));
		awaitIdleOutbox();
		assertThat(receiver().received("/gone")).hasSize(1);
		assertThat(jdbc.sql("select last_error from notification where order_id = ?::uuid and channel = 'WEBHOOK'")
			.param(orderId).query(String.class).single()).contains("HTTP 410");
	}

	@Test
	void rateLimitedReceiverIsRetriedAndReachedOnce() {
		receiver().respondWith(429, 503);
		var merchant = fixtures.merchant("Acme", receiver().url("/busy"));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = stockedOrder(merchant, station, "R-4");

		eventually("the notification is sent", () -> "SENT".equals(webhookStatus(orderId)));
		awaitIdleOutbox();
		assertThat(receiver().received("/busy")).extracting(WebhookReceiver.Received::answeredWith)
			.containsExactly(429, 503, 200);
	}

}
