package io.herald.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TestInfrastructure;
import io.herald.support.WebhookReceiver;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route of 10 orders, end to end: dispatch, start, deliver the stops one by one. Every customer hears they are
 * out for delivery with their place, each "N stops away" threshold (3 and 1) exactly once, and that it was
 * delivered, on the webhook and the email channel.
 */
class RouteEndToEndIntegrationTests extends IntegrationTestBase {

	@Test
	void customersFollowTheirDeliveryFromStartToDoor() throws Exception {
		var merchant = fixtures.merchant("Acme", receiver().url("/route"));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		Map<String, String> emailOf = new HashMap<>();
		List<String> orderIds = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String email = "customer" + i + "@example.com";
			String id = fixtures.place(merchant,
					Fixtures.order("R-" + i, 42.495 + i * 0.002, 1.495 + (i % 4) * 0.01, email, "en"));
			orderIds.add(id);
			emailOf.put(id, email);
			assertThat(api.post("/api/v1/orders/" + id + "/stocking", station.key(), "{\"status\":\"STOCKED\"}")
				.status()).isEqualTo(200);
		}
		eventually("stocked messages are out", () -> receiver().received("/route").size() == 10
				&& TestInfrastructure.greenMail().getReceivedMessages().length == 10);
		receiver().reset();
		TestInfrastructure.greenMail().purgeEmailFromAllMailboxes();

		var dispatched = api.post("/api/v1/routes", station.key(), "{\"courier\":{\"name\":\"Pau\",\"vehicleProfile\":\"VAN\"}}");
		assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(201);
		String routeId = dispatched.text("id");
		JsonNode planned = dispatched.json();
		assertThat(planned.get("total").asInt()).isEqualTo(10);
		assertThat(planned.get("stops").findValuesAsString("orderId")).containsExactlyInAnyOrderElementsOf(orderIds);
		for (JsonNode stop : planned.get("stops")) {
			assertThat(stop.get("window").get("earliest").asString()).isNotBlank();
		}

		var started = api.post("/api/v1/routes/" + routeId + "/start", station.key(), null);
		assertThat(started.status()).as(started.toString()).isEqualTo(200);
		Map<String, Integer> positionAtStart = new HashMap<>();
		for (JsonNode stop : started.json().get("stops")) {
			positionAtStart.put(stop.get("orderId").asString(), stop.get("position").asInt());
		}
		assertThat(api.get("/api/v1/orders/" + orderIds.get(0), merchant.key()).text("state"))
			.isEqualTo("OUT_FOR_DELIVERY");

		for (int delivered = 0; delivered < 10; delivered++) {
			JsonNode route = api.get("/api/v1/routes/" + routeId, station.key()).json();
			String next = null;
			for (JsonNode stop : route.get("stops")) {
				if (stop.get("state").asString().equals("PENDING") && stop.get("stopsBefore").asInt() == 0) {
					next = stop.get("orderId").asString();
				}
			}
			var view = api.get("/api/v1/orders/" + next + "/delivery", merchant.key()).json();
			assertThat(view.get("stopsBefore").asInt()).isZero();
			var outcome = api.post("/api/v1/routes/" + routeId + "/stops/" + next + "/outcome", station.key(),
					"{\"outcome\":\"DELIVERED\"}");
			assertThat(outcome.status()).as(outcome.toString()).isEqualTo(200);
		}
		assertThat(api.get("/api/v1/routes/" + routeId, station.key()).text("state")).isEqualTo("FINISHED");

		// per customer: the webhook, the email, its copy on the order's live stream, the log
		eventually("every customer heard of the delivery", () -> count(
				"select count(*) from notification where kind = 'DELIVERED' and status = 'SENT'") == 40);
		awaitIdleOutbox();

		Map<String, List<JsonNode>> webhooksByOrder = new HashMap<>();
		for (WebhookReceiver.Received r : receiver().received("/route")) {
			JsonNode data = Api.JSON.readTree(r.body()).get("data");
			webhooksByOrder.computeIfAbsent(data.get("orderId").asString(), k -> new ArrayList<>()).add(data);
		}
		Map<String, List<String>> emailSubjects = new HashMap<>();
		for (MimeMessage m : TestInfrastructure.greenMail().getReceivedMessages()) {
			emailSubjects.computeIfAbsent(m.getAllRecipients()[0].toString(), k -> new ArrayList<>()).add(m.getSubject());
		}
		for (String orderId : orderIds) {
			int position = positionAtStart.get(orderId);
			List<JsonNode> messages = webhooksByOrder.get(orderId);
			// the test's courier delivers within milliseconds, far ahead of plan: moved windows are told too, at most
			// once within the throttling interval
			List<String> kinds = messages.stream().map(m -> m.get("kind").asString())
				.filter(k -> !k.equals("ETA_CHANGED")).toList();
			long etaChanges = messages.stream().filter(m -> m.get("kind").asString().equals("ETA_CHANGED")).count();
			assertThat(etaChanges).isLessThanOrEqualTo(1);
			JsonNode announced = messages.stream().filter(m -> m.get("kind").asString().equals("OUT_FOR_DELIVERY"))
				.findFirst().orElseThrow();
			assertThat(announced.get("position").asInt()).isEqualTo(position);
			assertThat(announced.get("total").asInt()).isEqualTo(10);
			assertThat(announced.get("windowEarliest").asString()).isNotBlank();
			// each threshold exactly once, also for the customers at stops 1 and 2 who reach both when the route
			// starts: the farther one is then worded "within 3 stops", so no message is untrue
			List<String> expected = List.of("OUT_FOR_DELIVERY", "STOPS_AWAY", "STOPS_AWAY", "DELIVERED");
			assertThat(kinds).as("messages of the customer at stop " + position).containsExactlyInAnyOrderElementsOf(expected);
			List<JsonNode> stopsAway = messages.stream().filter(m -> m.get("kind").asString().equals("STOPS_AWAY"))
				.toList();
			assertThat(stopsAway).extracting(m -> m.get("threshold").asInt()).containsExactlyInAnyOrder(3, 1);
			assertThat(stopsAway).allMatch(m -> m.get("stopsBefore").asInt() <= m.get("threshold").asInt());
			JsonNode three = stopsAway.stream().filter(m -> m.get("threshold").asInt() == 3).findFirst().orElseThrow();
			JsonNode one = stopsAway.stream().filter(m -> m.get("threshold").asInt() == 1).findFirst().orElseThrow();
			if (position <= 2) {
				assertThat(three.get("subject").asString()).isEqualTo("Your courier is within 3 stops of you");
			}
			else {
				assertThat(three.get("stopsBefore").asInt()).isEqualTo(Math.min(3, position - 1));
			}
			assertThat(one.get("subject").asString())
				.isEqualTo(position == 1 ? "You are next: your order R-" + orderIds.indexOf(orderId) + " arrives soon"
						: "Your courier is 1 stop(s) away");
			// by email an ETA change waits for the coalescing window, so it may not have gone out yet
			assertThat(emailSubjects.get(emailOf.get(orderId))).hasSizeBetween(expected.size(),
					expected.size() + (int) etaChanges);
		}
	}

}
