package io.herald.notification;

import java.util.List;

import io.herald.support.FakeSmsProvider;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failover between a customer's channels, against the loopback SMS provider and GreenMail: when the preferred channel
 * fails for good (a permanent refusal, the retry limit, a "not delivered" receipt), the same message goes out on the
 * next channel, once; when it succeeds, the fallback copy is never sent.
 */
@TestPropertySource(properties = { "herald.notifications.sms.receipt-token=" + FailoverIntegrationTests.TOKEN,
		"herald.notifications.sms.timeout=2s" })
class FailoverIntegrationTests extends IntegrationTestBase {

	static final String TOKEN = "failover-receipt-token-0123456789";

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry properties) {
		properties.add("herald.notifications.sms.base-url", () -> smsProvider().baseUrl());
	}

	final FakeSmsProvider sms = smsProvider();

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	@BeforeEach
	void world() {
		merchant = fixtures.merchant("Acme", null);
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
	}

	/** The provider's id of the order's SMS, from its notification row. */
	String smsProviderRef(String orderId) {
		return jdbc.sql("select provider_ref from notification where order_id = ?::uuid and channel = 'SMS'")
			.param(orderId)
			.query(String.class)
			.single();
	}

	void prefer(String email, String channels) {
		assertThat(api.put("/api/v1/customer-preferences?customer=" + email, merchant.key(),
				"{\"channels\":" + channels + "}").status()).isEqualTo(200);
	}

	String stocked(String number, String email) {
		String orderId = fixtures.place(merchant, Fixtures.order(number, 42.507, 1.52, email, "en"));
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}")
			.status()).isEqualTo(200);
		return orderId;
	}

	List<String> statuses(String orderId) {
		return jdbc.sql("""
				select channel || ':' || status from notification
				where order_id = ?::uuid and channel in ('SMS', 'EMAIL') order by channel_rank""")
			.param(orderId)
			.query(String.class)
			.list();
	}

	int emails() {
		return TestInfrastructure.greenMail().getReceivedMessages().length;
	}

	@Test
	void aPermanentlyRefusedSmsGoesOutByEmailOnce() {
		prefer("sms-first@example.com", "[\"SMS\",\"EMAIL\"]");
		sms.reject(400, "invalid number");
		String orderId = stocked("F-1", "sms-first@example.com");
		eventually("the email carries it", () -> statuses(orderId).equals(List.of("SMS:DEAD", "EMAIL:SENT")));
		awaitIdleOutbox();
		assertThat(emails()).isEqualTo(1);
		assertThat(sms.requests()).hasSize(1);
		assertThat(jdbc.sql("select last_error from notification where order_id = ?::uuid and channel = 'SMS'")
			.param(orderId).query(String.class).single()).startsWith("permanent failure: HTTP 400");
	}

	@Test
	void aProviderDownPastTheRetryLimitFailsOverOnce() {
		prefer("down@example.com", "[\"SMS\",\"EMAIL\"]");
		for (int i = 0; i < 4; i++) {
			sms.fail(503);
		}
		String orderId = stocked("F-2", "down@example.com");
		eventually("the email carries it", () -> statuses(orderId).equals(List.of("SMS:DEAD", "EMAIL:SENT")));
		awaitIdleOutbox();
		assertThat(sms.requests()).hasSize(4);
		assertThat(emails()).isEqualTo(1);
	}

	@Test
	void aFailedReceiptSendsTheEmailOnceAndARepeatedReceiptChangesNothing() {
		prefer("receipt@example.com", "[\"SMS\",\"EMAIL\"]");
		String orderId = stocked("F-3", "receipt@example.com");
		eventually("the SMS is sent", () -> statuses(orderId).equals(List.of("SMS:SENT", "EMAIL:STANDBY")));
		String providerId = smsProviderRef(orderId);
		assertThat(sms.postReceipt(receiptsUrl(), TOKEN, providerId, "FAILED", "handset unreachable").status())
			.isEqualTo(200);
		eventually("the email carries it", () -> statuses(orderId).equals(List.of("SMS:FAILED", "EMAIL:SENT")));
		// final: no retry is scheduled, so the dispatcher never sends the SMS again
		assertThat(jdbc.sql("""
				select count(*) from notification
				where order_id = ?::uuid and channel = 'SMS' and next_attempt_at is null""")
			.param(orderId).query(Long.class).single()).isEqualTo(1);
		assertThat(sms.postReceipt(receiptsUrl(), TOKEN, providerId, "FAILED", "handset unreachable").json().get("result")
			.asString()).isEqualTo("ALREADY_FINAL");
		assertThat(sms.postReceipt(receiptsUrl(), TOKEN, providerId, "DELIVERED", null).json().get("result")
			.asString()).isEqualTo("ALREADY_FINAL");
		awaitIdleOutbox();
		assertThat(statuses(orderId)).containsExactly("SMS:FAILED", "EMAIL:SENT");
		assertThat(sms.requests()).hasSize(1);
		assertThat(emails()).isEqualTo(1);

		// listed as given up, with the reason; not re-driven, since the email reached the customer
		var dead = api.get("/api/v1/notifications/dead?channel=SMS", merchant.key());
		assertThat(dead.json().size()).isEqualTo(1);
		assertThat(dead.json().get(0).get("status").asString()).isEqualTo("FAILED");
		assertThat(dead.json().get(0).get("reason").asString()).isEqualTo("receipt: handset unreachable");
		String smsId = dead.json().get(0).get("id").asString();
		assertThat(api.post("/api/v1/notifications/" + smsId + "/redrive", merchant.key(), null).status())
			.isEqualTo(409);
		assertThat(api.post("/api/v1/notifications/redrive", merchant.key(), "{\"channel\":\"SMS\"}").json()
			.get("redriven").asInt()).isZero();
		awaitIdleOutbox();
		assertThat(statuses(orderId)).containsExactly("SMS:FAILED", "EMAIL:SENT");
		assertThat(sms.requests()).hasSize(1);
		assertThat(emails()).isEqualTo(1);
	}

	@Test
	void aFailedReceiptWithoutAFallbackChannelLeavesTheMessageFailedForGoodAndReDrivable() {
		prefer("sms-only@example.com", "[\"SMS\"]");
		String orderId = stocked("F-6", "sms-only@example.com");
		eventually("the SMS is sent", () -> statuses(orderId).equals(List.of("SMS:SENT")));
		String providerId = smsProviderRef(orderId);
		assertThat(sms.postReceipt(receiptsUrl(), TOKEN, providerId, "FAILED", "expired").json().get("result").asString())
			.isEqualTo("UPDATED");
		awaitIdleOutbox();
		assertThat(statuses(orderId)).containsExactly("SMS:FAILED");
		assertThat(sms.requests()).hasSize(1);
		assertThat(emails()).isZero();

		var redrive = api.post("/api/v1/notifications/redrive", merchant.key(), "{\"channel\":\"SMS\"}");
		assertThat(redrive.json().get("redriven").asInt()).isEqualTo(1);
		eventually("the re-driven SMS is sent", () -> statuses(orderId).equals(List.of("SMS:SENT")));
		awaitIdleOutbox();
		assertThat(sms.requests()).hasSize(2);
		assertThat(emails()).isZero();
	}

	@Test
	void aDeliveredSmsNeverSendsTheFallback() {
		prefer("happy@example.com", "[\"SMS\",\"EMAIL\"]");
		String orderId = stocked("F-4", "happy@example.com");
		eventually("the SMS is sent", () -> statuses(orderId).get(0).equals("SMS:SENT"));
		String providerId = smsProviderRef(orderId);
		sms.postReceipt(receiptsUrl(), TOKEN, providerId, "DELIVERED", null);
		eventually("the fallback is skipped", () -> statuses(orderId).equals(List.of("SMS:CONFIRMED", "EMAIL:SKIPPED")));
		awaitIdleOutbox();
		assertThat(emails()).isZero();
	}

	@Test
	void byDefaultEmailFirstAndTheSmsStandbyIsSkippedOnceTheEmailIsAccepted() {
		String orderId = stocked("F-5", "default@example.com");
		eventually("the email is sent and the SMS not needed",
				() -> statuses(orderId).equals(List.of("EMAIL:SENT", "SMS:SKIPPED")));
		awaitIdleOutbox();
		assertThat(sms.requests()).isEmpty();
		assertThat(emails()).isEqualTo(1);
	}

}
