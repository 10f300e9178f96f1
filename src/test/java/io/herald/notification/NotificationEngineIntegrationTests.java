package io.herald.notification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import io.herald.routing.RouteEvent;
import io.herald.support.Emails;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's side of the engine through the API: preferences, quiet hours, one-click unsubscribe, coalesced ETA
 * changes, the template preview, and dead notifications with their re-drive.
 */
class NotificationEngineIntegrationTests extends IntegrationTestBase {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	void world(String webhookPath) {
		merchant = fixtures.merchant("Acme", receiver().url(webhookPath));
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
	}

	String order(String number, String email) {
		return fixtures.place(merchant, Fixtures.order(number, 42.507, 1.52, email, "en"));
	}

	void report(String orderId, String outcome) {
		var response = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), outcome);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	String status(String orderId, String channel) {
		return jdbc.sql("select status from notification where order_id = ?::uuid and channel = ?")
			.params(orderId, channel).query(String.class).single();
	}

	@Test
	void preferencesAreValidatedAndStored() {
		world("/prefs");
		var bad = api.put("/api/v1/customer-preferences?customer=li@example.com", merchant.key(), """
				{"channels":["WEBHOOK","SMS","SMS"],"optOuts":["NOPE:SMS","ETA_CHANGED"],
				 "quietHours":{"start":"25:00","end":"08:00"},"timeZone":"Mars/Olympus"}""");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.contentType()).startsWith("application/problem+json");
		assertThat(bad.json().get("errors").findValuesAsString("field")).contains("channels[0]", "channels",
				"optOuts[0]", "optOuts[1]", "quietHours.start", "timeZone");
		assertThat(count("select count(*) from customer_preference")).isZero();

		var saved = api.put("/api/v1/customer-preferences?customer=Li@Example.com", merchant.key(), """
				{"channels":["SMS","EMAIL"],"optOuts":["eta_changed:sms"],
				 "quietHours":{"start":"22:00","end":"07:30"},"timeZone":"Asia/Shanghai"}""");
		assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
		var read = api.get("/api/v1/customer-preferences?customer=li@example.com", merchant.key()).json();
		assertThat(read.get("channels").toString()).isEqualTo("[\"SMS\",\"EMAIL\"]");
		assertThat(read.get("optOuts").toString()).isEqualTo("[\"ETA_CHANGED:SMS\"]");
		assertThat(read.get("quietHours").get("end").asString()).isEqualTo("07:30");

		// another merchant's customer of the same address is someone else
		var other = fixtures.merchant("Other", null);
		assertThat(api.get("/api/v1/customer-preferences?customer=li@example.com", other.key()).json().get("channels")
			.size()).isZero();
		assertThat(api.get("/api/v1/customer-preferences?customer=li@example.com", station.key()).status())
			.isEqualTo(403);
	}

	@Test
	void quietHoursHoldTheEmailUntilTheyEndButNotTheWebhookNorAnUrgentMessage() {
		world("/quiet");
		ZoneId shanghai = ZoneId.of("Asia/Shanghai");
		LocalTime now = LocalTime.now(shanghai);
		DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
		String start = now.minusHours(1).format(hhmm);
		String end = now.plusHours(1).format(hhmm);
		assertThat(api.put("/api/v1/customer-preferences?customer=quiet@example.com", merchant.key(),
				"{\"quietHours\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}}").status()).isEqualTo(200);

		String stocked = order("Q-1", "quiet@example.com");
		report(stocked, "{\"status\":\"STOCKED\"}");
		eventually("the webhook goes out at once", () -> receiver().received("/quiet").size() == 1);
		assertThat(status(stocked, "EMAIL")).isEqualTo("PENDING");
		Instant due = jdbc.sql("select next_attempt_at from notification where order_id = ?::uuid and channel = 'EMAIL'")
			.param(stocked).query(Timestamp.class).single().toInstant();
		assertThat(Duration.between(Instant.now(), due)).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(61));

		String failed = order("Q-2", "quiet@example.com");
		report(failed, "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}");
		eventually("the urgent email goes through", () -> "SENT".equals(status(failed, "EMAIL")));
		assertThat(TestInfrastructure.greenMail().getReceivedMessages()).hasSize(1);
	}

	@Test
	void theUnsubscribeLinkWorksWithoutLoggingInAndStopsThatKindOfEmail() throws Exception {
		world("/unsubscribe");
		String first = order("U-1", "leave@example.com");
		report(first, "{\"status\":\"STOCKED\"}");
		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);
		var email = TestInfrastructure.greenMail().getReceivedMessages()[0];
		String link = email.getHeader("List-Unsubscribe")[0].replaceAll("^<|>$", "");
		assertThat(Emails.html(email)).contains(link.substring(link.indexOf("token=") + 6));
		String path = link.substring(link.indexOf("/unsubscribe"));

		var page = api.get(path, null);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body()).contains("Stop emails about \"stocked\" for leave@example.com?", "<form method=\"post\"");
		// the page alone (a mail scanner following the link) changes nothing
		assertThat(count("select count(*) from customer_preference")).isZero();

		var forged = api.post(path.replace("token=", "token=x"), null, null);
		assertThat(forged.status()).isEqualTo(400);
		assertThat(count("select count(*) from customer_preference")).isZero();

		assertThat(api.post(path, null, null).status()).isEqualTo(200);
		assertThat(api.post(path, null, null).status()).isEqualTo(200);
		var prefs = api.get("/api/v1/customer-preferences?customer=leave@example.com", merchant.key()).json();
		assertThat(prefs.get("optOuts").toString()).isEqualTo("[\"STOCKED:EMAIL\"]");

		String second = order("U-2", "leave@example.com");
		report(second, "{\"status\":\"STOCKED\"}");
		eventually("the webhook still goes out", () -> receiver().received("/unsubscribe").size() == 2);
		assertThat(status(second, "EMAIL")).isEqualTo("SKIPPED");
		assertThat(jdbc.sql("select last_error from notification where order_id = ?::uuid and channel = 'EMAIL'")
			.param(second).query(String.class).single()).isEqualTo("the customer opted out of STOCKED on EMAIL");
		// other kinds still reach them
		String third = order("U-3", "leave@example.com");
		report(third, "{\"status\":\"FAILED\",\"reason\":\"DAMAGED\"}");
		eventually("a stocking failure is still emailed", () -> "SENT".equals(status(third, "EMAIL")));
		assertThat(TestInfrastructure.greenMail().getReceivedMessages()).hasSize(2);
	}

	@Test
	void etaChangesWithinTheWindowBecomeOneEmailWhileTheMerchantSeesEach() {
		world("/eta");
		String orderId = order("E-1", "eta@example.com");
		UUID id = UUID.fromString(orderId);
		UUID merchantId = UUID.fromString(merchant.id());
		UUID route = UUID.randomUUID();
		Instant base = Instant.parse("2026-11-24T06:00:00Z");
		for (int i = 1; i <= 3; i++) {
			Instant at = base.plusSeconds(i);
			Instant from = base.plus(Duration.ofMinutes(30L * i));
			transactions.executeWithoutResult(tx -> events.publishEvent(new RouteEvent.EtaChanged(id, merchantId, route,
					from, from.plus(Duration.ofMinutes(30)), base, base.plus(Duration.ofMinutes(30)), at)));
		}
		eventually("each change reaches the merchant", () -> receiver().received("/eta").size() == 3);
		assertThat(count("select count(*) from notification where order_id = ?::uuid and channel = 'EMAIL'",
				orderId)).isEqualTo(1);
		String body = jdbc.sql("select body from notification where order_id = ?::uuid and channel = 'EMAIL'")
			.param(orderId).query(String.class).single();
		// the one email tells the latest window (base + 90 min = 15:30 in Shanghai)
		assertThat(body).contains("15:30").doesNotContain("14:30 and");
		assertThat(status(orderId, "EMAIL")).isEqualTo("PENDING");
		// its copy on the order's live stream waits and is coalesced with it: one, with the latest window
		assertThat(status(orderId, "LIVE")).isEqualTo("PENDING");
		assertThat(jdbc.sql("select body from notification where order_id = ?::uuid and channel = 'LIVE'")
			.param(orderId).query(String.class).single()).contains("15:30").doesNotContain("14:30 and");
		assertThat(jdbc.sql("""
				select count(*) from notification e join notification l
				  on l.order_id = e.order_id and l.kind = e.kind and l.dedup_key = e.dedup_key
				where e.order_id = ?::uuid and e.channel = 'EMAIL' and l.channel = 'LIVE'
				  and l.next_attempt_at = e.next_attempt_at""").param(orderId).query(Long.class).single())
			.as("due with the email").isEqualTo(1);
	}

	@Test
	void deadDeliveriesAreListedWithTheReasonAndReDrivenOneByOneOrInBulk() {
		world("/dead");
		receiver().respondWith(410, 410, 410);
		String a = order("D-1", null);
		String b = order("D-2", null);
		String c = order("D-3", null);
		for (String o : new String[] { a, b, c }) {
			report(o, "{\"status\":\"STOCKED\"}");
		}
		eventually("all three die", () -> count("select count(*) from notification where status = 'DEAD'") == 3);
		var dead = api.get("/api/v1/notifications/dead", merchant.key());
		assertThat(dead.status()).isEqualTo(200);
		assertThat(dead.json().size()).isEqualTo(3);
		assertThat(dead.json().get(0).get("reason").asString()).contains("permanent failure: HTTP 410");
		var other = fixtures.merchant("Other", null);
		assertThat(api.get("/api/v1/notifications/dead", other.key()).json().size()).isZero();

		String first = dead.json().get(0).get("id").asString();
		assertThat(api.post("/api/v1/notifications/" + first + "/redrive", other.key(), null).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/notifications/not-an-id/redrive", merchant.key(), null).status()).isEqualTo(400);
		var one = api.post("/api/v1/notifications/" + first + "/redrive", merchant.key(), null);
		assertThat(one.status()).as(one.toString()).isEqualTo(200);
		eventually("the re-driven one is sent", () -> count("select count(*) from notification where status = 'SENT' and channel = 'WEBHOOK'") == 1);
		assertThat(api.post("/api/v1/notifications/" + first + "/redrive", merchant.key(), null).status()).isEqualTo(409);

		var bulk = api.post("/api/v1/notifications/redrive", merchant.key(), "{\"channel\":\"WEBHOOK\"}");
		assertThat(bulk.json().get("redriven").asInt()).isEqualTo(2);
		eventually("all are sent", () -> count("select count(*) from notification where status = 'SENT' and channel = 'WEBHOOK'") == 3);
		assertThat(receiver().received("/dead").stream().map(r -> r.header("Webhook-id")).distinct()).hasSize(3);
	}

	@Test
	void theFormerDeliveriesPathsStillAnswerForOneReleaseMarkedDeprecated() {
		world("/former");
		receiver().respondWith(410);
		String a = order("F-1", null);
		report(a, "{\"status\":\"STOCKED\"}");
		eventually("it dies", () -> count("select count(*) from notification where status = 'DEAD'") == 1);
		var former = api.get("/api/v1/deliveries/dead", merchant.key());
		assertThat(former.status()).isEqualTo(200);
		assertThat(former.body()).isEqualTo(api.get("/api/v1/notifications/dead", merchant.key()).body());
		var headers = api.headers("/api/v1/deliveries/dead", merchant.key());
		assertThat(headers.get("deprecation")).matches("@\\d+");
		assertThat(headers.get("link")).isEqualTo("</api/v1/notifications/dead>; rel=\"successor-version\"");
		assertThat(api.headers("/api/v1/notifications/dead", merchant.key())).doesNotContainKey("deprecation");

		String id = former.json().get(0).get("id").asString();
		assertThat(api.post("/api/v1/deliveries/not-an-id/redrive", merchant.key(), null).status()).isEqualTo(400);
		receiver().respondWith(200);
		assertThat(api.post("/api/v1/deliveries/" + id + "/redrive", merchant.key(), null).status()).isEqualTo(200);
		eventually("the re-driven one is sent", () -> count("select count(*) from notification where status = 'SENT' and channel = 'WEBHOOK'") == 1);
		assertThat(api.post("/api/v1/deliveries/redrive", merchant.key(), "{\"channel\":\"WEBHOOK\"}").json()
			.get("redriven").asInt()).isZero();
	}

	@Test
	void anyTemplateCanBePreviewedAgainstASampleOrder() {
		world("/preview");
		var email = api.get("/api/v1/templates/STOCKING_FAILED/preview?channel=EMAIL&locale=zh-CN", merchant.key());
		assertThat(email.status()).isEqualTo(200);
		assertThat(email.json().get("subject").asString()).isEqualTo("您的订单 SAMPLE-1001 备货出现问题");
		assertThat(email.json().get("html").asString()).contains("<html lang=\"zh-CN\"");
		assertThat(email.json().get("source").asString()).startsWith("built-in");
		var fallback = api.get("/api/v1/templates/DELIVERED/preview?channel=WEBHOOK&locale=fr", merchant.key());
		assertThat(fallback.json().get("locale").asString()).isEqualTo("en");
		assertThat(api.get("/api/v1/templates/NOPE/preview", merchant.key()).status()).isEqualTo(400);
	}

	@Test
	void theQueueAndTheDeadAreExposedAsMetrics() {
		world("/metrics");
		var prometheus = api.get("/actuator/prometheus", ADMIN_KEY);
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.body()).contains("herald_notifications_queue_depth{status=\"pending\"}",
				"herald_notifications_queue_depth{status=\"failed\"}", "herald_notifications_dead ");
	}

	@Test
	void routeAnnouncementsAreSentOncePerOrderEvenOnASecondRoute() {
		world("/once");
		String orderId = order("O-1", "once@example.com");
		UUID id = UUID.fromString(orderId);
		UUID merchantId = UUID.fromString(merchant.id());
		Instant now = Instant.now();
		for (UUID route : new UUID[] { UUID.randomUUID(), UUID.randomUUID() }) {
			transactions.executeWithoutResult(tx -> {
				events.publishEvent(new RouteEvent.StopAnnounced(id, merchantId, route, 2, 5, 1, now,
						now.plusSeconds(1800), now));
				events.publishEvent(new RouteEvent.StopsAwayReached(id, merchantId, route, 1, 1, false, now,
						now.plusSeconds(1800), now));
			});
		}
		eventually("the first route's messages are sent", () -> count("""
				select count(*) from notification where order_id = ?::uuid and channel = 'EMAIL'
				  and status = 'SENT'""", orderId) == 2);
		assertThat(count("select count(*) from notification where order_id = ?::uuid and channel = 'EMAIL'",
				orderId)).isEqualTo(2);
		assertThat(receiver().received("/once")).hasSize(2);
	}

}
