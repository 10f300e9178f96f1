package io.herald;

import java.util.List;

import com.standardwebhooks.Webhook;
import io.herald.support.Api;
import io.herald.support.Emails;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TestInfrastructure;
import io.herald.support.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README walkthrough, end to end over real HTTP: create a station, place an order, assigned by polygon, report a
 * stocking failure, receive the signed webhook and the customer's email in their language; repeat the report and
 * still see exactly one of each.
 */
class LoopEndToEndIntegrationTests extends IntegrationTestBase {

	@Test
	void stockingFailureReachesWebhookAndEmailExactlyOnceInTheCustomersLanguage() throws Exception {
		var merchant = fixtures.merchant("Acme Tea", receiver().url("/e2e"));
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);

		var placed = api.post("/api/v1/orders", merchant.key(),
				Fixtures.order("A-1001", 42.507, 1.52, "li.wei@example.com", "zh-CN"));
		assertThat(placed.status()).isEqualTo(201);
		assertThat(placed.text("state")).isEqualTo("ASSIGNED");
		assertThat(placed.text("stationId")).isEqualTo(station.id());
		assertThat(placed.text("assignedBy")).isEqualTo("polygon");
		String orderId = placed.text("id");

		String failure = "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"note\":\"next delivery Friday\",\"failedLines\":[2]}";
		var report = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), failure);
		assertThat(report.status()).as(report.toString()).isEqualTo(200);
		assertThat(report.json().get("applied").asBoolean()).isTrue();
		assertThat(report.json().get("order").get("state").asString()).isEqualTo("STOCKING_FAILED");

		eventually("the webhook arrives", () -> receiver().received("/e2e").size() == 1);
		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);

		// the webhook: signed per Standard Webhooks, verified with the reference library
		WebhookReceiver.Received webhook = receiver().received("/e2e").get(0);
		new Webhook(merchant.webhookSecret()).verify(webhook.body(), webhook.lowerCaseHeaders());
		assertThat(webhook.header("webhook-id")).startsWith("msg_");
		JsonNode payload = Api.JSON.readTree(webhook.body());
		// a CloudEvent (structured JSON) whose id is the webhook-id
		assertThat(payload.get("specversion").asString()).isEqualTo("1.0");
		assertThat(payload.get("type").asString()).isEqualTo("io.herald.notification.stocking_failed");
		assertThat(payload.get("id").asString()).isEqualTo(webhook.header("webhook-id"));
		assertThat(payload.get("data").get("orderNumber").asString()).isEqualTo("A-1001");
		assertThat(payload.get("data").get("reason").asString()).isEqualTo("OUT_OF_STOCK");
		assertThat(payload.get("data").get("locale").asString()).isEqualTo("zh-CN");
		assertThat(payload.get("data").get("failedItems").get(0).get("name").asString()).isEqualTo("Tea cup");

		// the email: in the customer's language, naming the reason and the missing item
		MimeMessage email = TestInfrastructure.greenMail().getReceivedMessages()[0];
		assertThat(email.getAllRecipients()[0].toString()).isEqualTo("li.wei@example.com");
		assertThat(email.getSubject()).isEqualTo("您的订单 A-1001 备货出现问题");
		assertThat(Emails.text(email)).contains("商品缺货", "Tea cup", "next delivery Friday").doesNotContain("Green tea");
		// an HTML alternative in the same language, and the one-click unsubscribe headers (RFC 2369, RFC 8058)
		assertThat(Emails.html(email)).contains("<html lang=\"zh-CN\"", "商品缺货", "退订此类邮件");
		assertThat(email.getHeader("List-Unsubscribe")[0]).matches("<http://localhost:8080/unsubscribe\\?token=[^>]+>");
		assertThat(email.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

		// the same report again: a no-op, no second event, no second message
		var again = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), failure);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("applied").asBoolean()).isFalse();
		awaitIdleOutbox();
		assertThat(receiver().received("/e2e")).hasSize(1);
		assertThat(TestInfrastructure.greenMail().getReceivedMessages()).hasSize(1);
		assertThat(count("select count(*) from order_event where order_id = ?::uuid and type = 'order.stocking_failed'",
				orderId)).isEqualTo(1);

		// the history shows one delivery per channel, each sent on the first attempt: the webhook, the email, its
		// copy on the order's live stream (the tracking page), and the log
		eventually("every delivery is sent", () -> count(
				"select count(*) from notification where order_id = ?::uuid and status = 'SENT'", orderId) == 4);
		var history = api.get("/api/v1/orders/" + orderId + "/notifications", merchant.key()).json();
		assertThat(history.size()).isEqualTo(4);
		for (JsonNode delivery : history) {
			assertThat(delivery.get("kind").asString()).isEqualTo("STOCKING_FAILED");
			assertThat(delivery.get("status").asString()).isEqualTo("SENT");
			assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
		}
		assertThat(history.findValuesAsString("channel")).containsExactlyInAnyOrder("WEBHOOK", "EMAIL", "LIVE", "LOG");
		// the webhook-id the receiver saw is the delivery's id, stable across retries
		assertThat(history.findValuesAsString("id")).contains(webhook.header("webhook-id"));
	}

	@Test
	void stockedOrderTellsAnEnglishCustomerTheGoodsAreReady() throws Exception {
		var merchant = fixtures.merchant("Acme Tea", receiver().url("/ready"));
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = fixtures.place(merchant, Fixtures.order("A-2001", 42.507, 1.52, "sam@example.com", "en-GB"));

		var report = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
		assertThat(report.status()).isEqualTo(200);

		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);
		MimeMessage email = TestInfrastructure.greenMail().getReceivedMessages()[0];
		assertThat(email.getSubject()).isEqualTo("Your order A-2001 is ready");
		assertThat(Emails.text(email)).contains("Green tea", "Tea cup");
		eventually("the webhook arrives", () -> receiver().received("/ready").size() == 1);
		assertThat(Api.JSON.readTree(receiver().received("/ready").get(0).body()).get("data").get("kind").asString()).isEqualTo("STOCKED");
	}

	@Test
	void aLocaleWithoutTemplatesFallsBackToEnglish() throws Exception {
		var merchant = fixtures.merchant("Acme Tea", null);
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = fixtures.place(merchant, Fixtures.order("A-3001", 42.507, 1.52, "anna@example.com", "de-DE"));

		api.post("/api/v1/orders/" + orderId + "/stocking", station.key(),
				"{\"status\":\"FAILED\",\"reason\":\"DAMAGED\"}");

		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);
		MimeMessage email = TestInfrastructure.greenMail().getReceivedMessages()[0];
		assertThat(email.getSubject()).isEqualTo("A problem with your order A-3001");
		assertThat(Emails.text(email)).contains("the goods were damaged", "your order A-3001");
	}

}
