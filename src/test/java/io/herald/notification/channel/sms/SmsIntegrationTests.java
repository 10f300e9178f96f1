package io.herald.notification.channel.sms;

import java.util.UUID;

import io.herald.support.Api;
import io.herald.support.FakeSmsProvider;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static io.herald.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMS channel in the running application: the dispatcher sends through the loopback provider, and the provider's
 * receipts, posted without an API key, move the notification rows on. The planner does not route customers to SMS yet, so
 * the rows are written directly.
 */
@TestPropertySource(properties = { "herald.notifications.sms.api-key=" + SmsIntegrationTests.API_KEY,
		"herald.notifications.sms.receipt-token=" + SmsIntegrationTests.TOKEN,
		"herald.notifications.sms.sender-id=Acme", "herald.notifications.sms.timeout=2s" })
class SmsIntegrationTests extends IntegrationTestBase {

	static final String API_KEY = "test-sms-api-key";

	static final String TOKEN = "test-receipt-token-0123456789";

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry properties) {
		properties.add("herald.notifications.sms.base-url", () -> smsProvider().baseUrl());
	}

	final FakeSmsProvider provider = smsProvider();

	/** An SMS notification row as the planner would write it; sent ones carry the provider's id. */
	UUID smsDelivery(String status, String providerRef) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into notification (id, order_id, merchant_id, kind, channel, recipient, locale, body,
				  status, next_attempt_at, event_occurred_at, provider_ref, sent_at)
				values (?, ?, ?, 'STOCKED', 'SMS', '+37612345', 'en', 'Acme: your order A-1 is ready.', ?, now(), now(),
				  ?, case when ? = 'SENT' then now() end)""")
			.params(id, UUID.randomUUID(), UUID.randomUUID(), status, providerRef, status)
			.update();
		return id;
	}

	Row row(UUID id) {
		return jdbc.sql("""
				select status, provider_ref, last_error, attempts, updated_at::text, next_attempt_at::text
				from notification where id = ?""")
			.param(id)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
					rs.getString(5), rs.getString(6)))
			.single();
	}

	/** @param nextAttemptAt null when the row will never be sent again by itself */
	record Row(String status, String providerRef, String lastError, int attempts, String updatedAt,
			String nextAttemptAt) {
	}

	Api.Response receipt(String token, String json) {
		return provider.postReceipt(receiptsUrl(), token, json);
	}

	// receipts

	@Test
	void deliveredReceiptConfirmsTheSentMessage() {
		UUID id = smsDelivery("SENT", "sms-100");

		var response = provider.postReceipt(receiptsUrl(), TOKEN, "sms-100", "DELIVERED", null);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("result")).isEqualTo("UPDATED");
		assertThat(row(id).status()).isEqualTo("CONFIRMED");
		assertThat(row(id).lastError()).isNull();
	}

	@Test
	void failedReceiptEndsTheMessageFailedForGoodWithTheProvidersReason() {
		UUID id = smsDelivery("SENT", "sms-101");

		var response = provider.postReceipt(receiptsUrl(), TOKEN, "sms-101", "FAILED", "handset unreachable");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("result")).isEqualTo("UPDATED");
		assertThat(row(id).status()).isEqualTo("FAILED");
		assertThat(row(id).nextAttemptAt()).as("no retry is scheduled").isNull();
		assertThat(row(id).lastError()).isEqualTo("receipt: handset unreachable");
	}

	@Test
	void aMessageAFailedReceiptEndedIsNeverSentAgainButIsListedAndCanBeReDriven() {
		UUID id = smsDelivery("PENDING", null);
		eventually("the SMS is sent", () -> "SENT".equals(row(id).status()));
		assertThat(provider.requests()).hasSize(1);

		var receipt = provider.postReceipt(receiptsUrl(), TOKEN, "sms-1", "FAILED", "handset unreachable");

		assertThat(receipt.text("result")).isEqualTo("UPDATED");
		awaitIdleOutbox();
		Row failed = row(id);
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.nextAttemptAt()).isNull();
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(provider.requests()).as("not re-sent by the dispatcher").hasSize(1);
		assertThat(provider.postReceipt(receiptsUrl(), TOKEN, "sms-1", "DELIVERED", null).text("result"))
			.isEqualTo("ALREADY_FINAL");
		assertThat(row(id)).isEqualTo(failed);

		// given up on, with the reason: on the dead list, and sent again when re-driven (the number was fixed)
		var dead = api.get("/api/v1/notifications/dead?channel=SMS", ADMIN_KEY);
		assertThat(dead.status()).isEqualTo(200);
		assertThat(dead.json().size()).isEqualTo(1);
		assertThat(dead.json().get(0).get("id").asString()).isEqualTo("msg_" + id);
		assertThat(dead.json().get(0).get("status").asString()).isEqualTo("FAILED");
		assertThat(dead.json().get(0).get("reason").asString()).isEqualTo("receipt: handset unreachable");
		var redriven = api.post("/api/v1/notifications/msg_" + id + "/redrive", ADMIN_KEY, null);
		assertThat(redriven.status()).as(redriven.toString()).isEqualTo(200);
		eventually("the re-driven SMS is sent", () -> "SENT".equals(row(id).status()));
		awaitIdleOutbox();
		assertThat(provider.requests()).hasSize(2);
		assertThat(row(id).lastError()).isNull();
		assertThat(api.get("/api/v1/notifications/dead?channel=SMS", ADMIN_KEY).json().size()).isZero();
	}

	@Test
	void repeatedOrLateReceiptsAreAlreadyFinalAndChangeNothing() {
		UUID id = smsDelivery("SENT", "sms-102");
		assertThat(provider.postReceipt(receiptsUrl(), TOKEN, "sms-102", "DELIVERED", null).text("result"))
			.isEqualTo("UPDATED");
		Row confirmed = row(id);

		var again = provider.postReceipt(receiptsUrl(), TOKEN, "sms-102", "DELIVERED", null);
		var contradicting = provider.postReceipt(receiptsUrl(), TOKEN, "sms-102", "FAILED", "expired");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.text("result")).isEqualTo("ALREADY_FINAL");
		assertThat(contradicting.status()).isEqualTo(200);
		assertThat(contradicting.text("result")).isEqualTo("ALREADY_FINAL");
		assertThat(row(id)).isEqualTo(confirmed);
	}

	@Test
	void wrongOrMissingTokenIsUnauthorizedAndChangesNothing() {
		UUID id = smsDelivery("SENT", "sms-103");

		var wrong = provider.postReceipt(receiptsUrl(), TOKEN + "x", "sms-103", "DELIVERED", null);
		var missing = provider.postReceipt(receiptsUrl(), null, "sms-103", "DELIVERED", null);
		var wrongWithBadBody = receipt("wrong", "not json");

		for (var response : new Api.Response[] { wrong, missing, wrongWithBadBody }) {
			assertProblem(response, 401, "unauthenticated");
		}
		assertThat(row(id).status()).isEqualTo("SENT");
	}

	@Test
	void unknownMessageIdIsNotFoundSoTheProviderTriesAgain() {
		var response = provider.postReceipt(receiptsUrl(), TOKEN, "sms-unknown", "DELIVERED", null);

		assertProblem(response, 404, "not-found");
	}

	@Test
	void malformedReceiptIsABadRequest() {
		smsDelivery("SENT", "sms-104");

		for (String body : new String[] { "not json", "", "[]", "{\"status\":\"DELIVERED\"}",
				"{\"id\":\"sms-104\"}", "{\"id\":\"sms-104\",\"status\":\"QUEUED\"}" }) {
			var response = receipt(TOKEN, body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.contentType()).as(body).startsWith("application/problem+json");
		}
		assertThat(count("select count(*) from notification where status = 'SENT'")).isEqualTo(1);
	}

	// sending

	@Test
	void dispatcherSendsAPendingSmsThroughTheProviderAndItsReceiptConfirmsIt() {
		UUID id = smsDelivery("PENDING", null);

		eventually("the SMS is sent", () -> "SENT".equals(row(id).status()));

		assertThat(row(id).providerRef()).isEqualTo("sms-1");
		assertThat(provider.requests()).hasSize(1);
		var request = provider.requests().get(0);
		assertThat(request.path()).isEqualTo("/messages");
		assertThat(request.header("Authorization")).isEqualTo("Bearer " + API_KEY);
		assertThat(request.header("Idempotency-Key")).isEqualTo("msg_" + id);
		assertThat(request.fields()).containsEntry("from", "Acme")
			.containsEntry("to", "+37612345")
			.containsEntry("text", "Acme: your order A-1 is ready.")
			.containsEntry("reference", "msg_" + id);

		var receipt = provider.postReceipt(receiptsUrl(), TOKEN, "sms-1", "DELIVERED", null);

		assertThat(receipt.text("result")).isEqualTo("UPDATED");
		assertThat(row(id).status()).isEqualTo("CONFIRMED");
	}

	@Test
	void rateLimitedSendIsRetriedWithTheSameIdempotencyKey() {
		provider.rateLimit(1);
		UUID id = smsDelivery("PENDING", null);

		eventually("the SMS is sent", () -> "SENT".equals(row(id).status()));

		assertThat(row(id).attempts()).isEqualTo(2);
		var requests = provider.requests();
		assertThat(requests).hasSize(2);
		assertThat(requests).extracting(r -> r.header("Idempotency-Key")).containsOnly("msg_" + id);
		// the provider's Retry-After (1 s) outweighs the test's 200 ms maximum backoff
		assertThat(requests.get(1).at()).isAfterOrEqualTo(requests.get(0).at().plusMillis(900));
	}

}
