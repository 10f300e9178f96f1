package io.herald.notification;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebhookReceiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Webhook subscriptions against real loopback receivers: each endpoint gets only the kinds it chose, as a CloudEvent
 * signed with its own secret (both secrets during a rotation), and an endpoint that keeps failing is disabled after
 * three failures in a row (max 4 attempts per message here) until it is enabled again.
 */
@TestPropertySource(properties = "herald.notifications.webhooks.disable-after-failures=3")
class WebhookSubscriptionDispatchIntegrationTests extends IntegrationTestBase {

	static final String PATH = "/api/v1/webhooks/subscriptions";

	Fixtures.Station station;

	@BeforeEach
	void aStation() {
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
	}

	/** Creates a subscription; returns its id and secret. */
	String[] subscribe(Fixtures.Merchant merchant, String path, String... eventTypes) {
		String types = eventTypes.length == 0 ? "" : "\"" + String.join("\",\"", eventTypes) + "\"";
		var response = api.post(PATH, merchant.key(),
				"{\"url\":\"" + receiver().url(path) + "\",\"eventTypes\":[" + types + "]}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return new String[] { response.json().get("subscription").get("id").asString(), response.text("secret") };
	}

	String order(Fixtures.Merchant merchant, String number, String stocking) {
		String orderId = fixtures.place(merchant, Fixtures.order(number, 42.507, 1.52, null, "en"));
		var report = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), stocking);
		assertThat(report.status()).as(report.toString()).isEqualTo(200);
		return orderId;
	}

	String stocked(Fixtures.Merchant merchant, String number) {
		return order(merchant, number, "{\"status\":\"STOCKED\"}");
	}

	JsonNode subscription(Fixtures.Merchant merchant, String id) {
		return api.get(PATH + "/" + id, merchant.key()).json();
	}

	String webhookStatus(String orderId, String subscriptionId) {
		return jdbc.sql("select status from notification where order_id = ?::uuid and recipient = ?")
			.params(orderId, "subscription:" + subscriptionId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	static String kind(WebhookReceiver.Received received) {
		return Api.JSON.readTree(received.body()).get("data").get("kind").asString();
	}

	@Test
	void eachSubscriptionGetsOnlyTheKindsItChose() {
		var merchant = fixtures.merchant("Acme", receiver().url("/legacy"));
		subscribe(merchant, "/stocked", "STOCKED");
		subscribe(merchant, "/failed", "STOCKING_FAILED", "DELIVERY_FAILED");
		subscribe(merchant, "/all");

		stocked(merchant, "S-1");
		order(merchant, "S-2", "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}");

		eventually("every endpoint got its messages", () -> receiver().received("/stocked").size() == 1
				&& receiver().received("/failed").size() == 1 && receiver().received("/all").size() == 2
				&& receiver().received("/legacy").size() == 2);
		awaitIdleOutbox();
		assertThat(receiver().received("/stocked")).extracting(WebhookSubscriptionDispatchIntegrationTests::kind)
			.containsExactly("STOCKED");
		assertThat(receiver().received("/failed")).extracting(WebhookSubscriptionDispatchIntegrationTests::kind)
			.containsExactly("STOCKING_FAILED");
		assertThat(receiver().received("/all")).extracting(WebhookSubscriptionDispatchIntegrationTests::kind)
			.containsExactlyInAnyOrder("STOCKED", "STOCKING_FAILED");
		// the merchant's own webhook URL still gets every kind
		assertThat(receiver().received("/legacy")).extracting(WebhookSubscriptionDispatchIntegrationTests::kind)
			.containsExactlyInAnyOrder("STOCKED", "STOCKING_FAILED");
		// one notification row, with its own id, per endpoint
		assertThat(count("select count(*) from notification where channel = 'WEBHOOK'")).isEqualTo(6);
		assertThat(count("select count(distinct payload) from notification where channel = 'WEBHOOK'"))
			.isEqualTo(6);
	}

	@Test
	void theBodyIsACloudEventSignedWithTheSubscriptionsSecret() throws Exception {
		var merchant = fixtures.merchant("Acme", null);
		String[] subscription = subscribe(merchant, "/cloudevents", "STOCKED");
		String orderId = stocked(merchant, "C-1");

		eventually("the webhook arrives", () -> receiver().received("/cloudevents").size() == 1);
		WebhookReceiver.Received received = receiver().received("/cloudevents").get(0);
		assertThat(received.header("Content-Type")).startsWith("application/cloudevents+json");

		CloudEvent event = EventFormatProvider.getInstance()
			.resolveFormat(JsonFormat.CONTENT_TYPE)
			.deserialize(received.body().getBytes(StandardCharsets.UTF_8));
		assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
		assertThat(event.getId()).isEqualTo(received.header("webhook-id")).startsWith("msg_");
		assertThat(event.getSource()).hasToString("/herald/merchants/" + merchant.id());
		assertThat(event.getType()).isEqualTo("io.herald.notification.stocked");
		assertThat(event.getDataContentType()).isEqualTo("application/json");
		OffsetDateTime stockedAt = OffsetDateTime.parse(api.get("/api/v1/orders/" + orderId + "/events", merchant.key())
			.json()
			.valueStream()
			.filter(e -> e.get("type").asString().equals("order.stocked"))
			.findFirst()
			.orElseThrow()
			.get("occurredAt")
			.asString());
		// the event's time (PostgreSQL keeps it to the microsecond)
		assertThat(event.getTime().toInstant()).isCloseTo(stockedAt.toInstant(), within(1, ChronoUnit.MILLIS));
		JsonNode data = Api.JSON.readTree(event.getData().toBytes());
		assertThat(data.get("kind").asString()).isEqualTo("STOCKED");
		assertThat(data.get("orderId").asString()).isEqualTo(orderId);
		assertThat(data.get("orderNumber").asString()).isEqualTo("C-1");
		assertThat(data.get("notificationId").asString()).isEqualTo(event.getId());

		new Webhook(subscription[1]).verify(received.body(), received.lowerCaseHeaders());
		assertThat(received.header("webhook-signature")).doesNotContain(" ");
		// not with another endpoint's secret
		String[] other = subscribe(merchant, "/other");
		assertThatThrownBy(() -> new Webhook(other[1]).verify(received.body(), received.lowerCaseHeaders()))
			.isInstanceOf(WebhookVerificationException.class);
	}

	@Test
	void duringARotationEveryMessageVerifiesWithTheOldAndTheNewSecret() throws Exception {
		var merchant = fixtures.merchant("Acme", null);
		String[] subscription = subscribe(merchant, "/rotating");
		var rotated = api.post(PATH + "/" + subscription[0] + "/rotate-secret", merchant.key(), null);
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
		String oldSecret = subscription[1];
		String newSecret = rotated.text("secret");
		stocked(merchant, "K-1");

		eventually("the webhook arrives", () -> receiver().received("/rotating").size() == 1);
		WebhookReceiver.Received received = receiver().received("/rotating").get(0);
		// the same message, as a receiver still on the old secret and one already on the new one sees it
		new Webhook(oldSecret).verify(received.body(), received.lowerCaseHeaders());
		new Webhook(newSecret).verify(received.body(), received.lowerCaseHeaders());
		String[] signatures = received.header("webhook-signature").split(" ");
		assertThat(signatures).hasSize(2);
		long timestamp = Long.parseLong(received.header("webhook-timestamp"));
		assertThat(signatures[0])
			.isEqualTo(new Webhook(newSecret).sign(received.header("webhook-id"), timestamp, received.body()));
		assertThat(signatures[1])
			.isEqualTo(new Webhook(oldSecret).sign(received.header("webhook-id"), timestamp, received.body()));
	}

	@Test
	void aSubscriptionThatKeepsFailingIsDisabledWithTheReasonUntilItIsEnabledAgain() {
		var merchant = fixtures.merchant("Acme", null);
		String id = subscribe(merchant, "/failing", "STOCKED")[0];
		receiver().respondWith(500, 500, 500);

		// three failures in a row disable it; the message's fourth attempt then fails for good
		String first = stocked(merchant, "F-1");
		eventually("the notification is dead", () -> "DEAD".equals(webhookStatus(first, id)));
		assertThat(receiver().received("/failing")).extracting(WebhookReceiver.Received::answeredWith)
			.containsExactly(500, 500, 500);
		assertThat(jdbc.sql("select last_error from notification where order_id = ?::uuid and channel = 'WEBHOOK'")
			.param(first)
			.query(String.class)
			.single()).contains("subscription disabled: HTTP 500 from " + receiver().url("/failing"));
		JsonNode disabled = subscription(merchant, id);
		assertThat(disabled.get("enabled").asBoolean()).isFalse();
		assertThat(disabled.get("disabledReason").asString()).isEqualTo("HTTP 500 from " + receiver().url("/failing"));
		assertThat(disabled.get("disabledAt").asString()).isNotBlank();
		assertThat(disabled.get("consecutiveFailures").asInt()).isEqualTo(3);

		// while disabled it gets nothing
		String second = stocked(merchant, "F-2");
		awaitIdleOutbox();
		assertThat(webhookStatus(second, id)).isNull();
		assertThat(receiver().received("/failing")).hasSize(3);

		var enabled = api.post(PATH + "/" + id + "/enable", merchant.key(), null);
		assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
		assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
		assertThat(enabled.json().get("consecutiveFailures").asInt()).isZero();
		assertThat(enabled.json().has("disabledReason")).isFalse();

		String third = stocked(merchant, "F-3");
		eventually("the next message is delivered", () -> "SENT".equals(webhookStatus(third, id)));
		assertThat(receiver().received("/failing")).hasSize(4);
		assertThat(Api.JSON.readTree(receiver().received("/failing").get(3).body()).get("data").get("orderNumber")
			.asString()).isEqualTo("F-3");
	}

	@Test
	void aSuccessEndsTheRunOfFailures() {
		var merchant = fixtures.merchant("Acme", null);
		String id = subscribe(merchant, "/recovering")[0];
		receiver().respondWith(500, 503);

		String orderId = stocked(merchant, "R-1");
		eventually("the notification is sent", () -> "SENT".equals(webhookStatus(orderId, id)));
		eventually("the failure count is reset",
				() -> subscription(merchant, id).get("consecutiveFailures").asInt() == 0);
		assertThat(subscription(merchant, id).get("enabled").asBoolean()).isTrue();
		assertThat(receiver().received("/recovering")).extracting(WebhookReceiver.Received::answeredWith)
			.containsExactly(500, 503, 200);
	}

	@Test
	void aMessageQueuedForADeletedSubscriptionEndsDead() {
		var merchant = fixtures.merchant("Acme", null);
		String id = subscribe(merchant, "/deleted")[0];
		String orderId = stocked(merchant, "D-1");
		eventually("the notification is sent", () -> "SENT".equals(webhookStatus(orderId, id)));
		assertThat(api.delete(PATH + "/" + id, merchant.key()).status()).isEqualTo(204);

		// a message of the same subscription still in the queue (here a copy of the sent one, due now)
		jdbc.sql("""
				insert into notification (id, order_id, merchant_id, kind, dedup_key, channel, recipient, locale,
				  subject, body, payload, status, attempts, next_attempt_at, event_occurred_at)
				select gen_random_uuid(), order_id, merchant_id, kind, 'queued', channel, recipient, locale, subject, body,
				  payload, 'PENDING', 0, now(), event_occurred_at
				from notification where order_id = ?::uuid and recipient = ?""")
			.params(orderId, "subscription:" + id)
			.update();
		eventually("the queued notification is dead", () -> count(
				"select count(*) from notification where dedup_key = 'queued' and status = 'DEAD'") == 1);
		assertThat(jdbc.sql("select last_error from notification where dedup_key = 'queued'")
			.query(String.class)
			.single()).isEqualTo("permanent failure: subscription deleted");
		assertThat(receiver().received("/deleted")).hasSize(1);
	}

}
