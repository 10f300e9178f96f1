package io.herald.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Route rules: what may be dispatched, re-planning keeps the past, failures reach the customer, bad input is refused. */
class RouteIntegrationTests extends IntegrationTestBase {

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	Fixtures.Station other;

	List<String> stocked = new ArrayList<>();

	@BeforeEach
	void fiveStockedOrders() {
		merchant = fixtures.merchant("Acme", receiver().url("/routes"));
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		other = fixtures.station("Encamp", 42.5345, 1.5803, Fixtures.ENCAMP);
		for (int i = 0; i < 5; i++) {
			String id = fixtures.place(merchant, Fixtures.order("S-" + i, 42.495 + i * 0.004, 1.50 + i * 0.008, null, "zh-CN"));
			api.post("/api/v1/orders/" + id + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
			stocked.add(id);
		}
	}

	String dispatch(List<String> ids) {
		String body = "{\"courier\":{\"name\":\"Pau\",\"phone\":\"+376312345\",\"vehicleProfile\":\"BIKE\"},\"orderIds\":[\""
				+ String.join("\",\"", ids) + "\"]}";
		var response = api.post("/api/v1/routes", station.key(), body);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.text("id");
	}

	String firstPending(String routeId) {
		for (JsonNode stop : api.get("/api/v1/routes/" + routeId, station.key()).json().get("stops")) {
			if (stop.get("state").asString().equals("PENDING") && stop.get("stopsBefore").asInt() == 0) {
				return stop.get("orderId").asString();
			}
		}
		throw new AssertionError("no pending stop");
	}

	@Test
	void onlyTheStationsOwnStockedOrdersCanBeDispatched() {
		String unstocked = fixtures.place(merchant, Fixtures.order("S-9", 42.50, 1.51, null, "en"));
		String before = snapshot();
		String courier = "{\"courier\":{\"name\":\"Pau\"},\"orderIds\":[\"%s\"]}";
		assertThat(api.post("/api/v1/routes", station.key(), courier.formatted(unstocked)).status()).isEqualTo(409);
		assertThat(api.post("/api/v1/routes", station.key(), courier.formatted(UUID.randomUUID())).status())
			.isEqualTo(404);
		assertThat(api.post("/api/v1/routes", other.key(), courier.formatted(stocked.get(0))).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/routes", station.key(), "{\"courier\":{}}").status()).isEqualTo(400);
		assertThat(api.post("/api/v1/routes", merchant.key(), courier.formatted(stocked.get(0))).status())
			.isEqualTo(403);
		assertThat(snapshot()).isEqualTo(before);

		String routeId = dispatch(List.of(stocked.get(0)));
		assertThat(api.post("/api/v1/routes", station.key(), courier.formatted(stocked.get(0))).status())
			.as("an order is on one route at a time").isEqualTo(409);
		assertThat(api.get("/api/v1/routes/" + routeId, other.key()).status()).isEqualTo(404);
	}

	@Test
	void withoutOrderIdsAllStockedOrdersNotOnARouteAreDispatched() {
		dispatch(List.of(stocked.get(0)));
		var response = api.post("/api/v1/routes", station.key(), "{\"courier\":{\"name\":\"Mia\"}}");
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("stops").findValuesAsString("orderId"))
			.containsExactlyInAnyOrderElementsOf(stocked.subList(1, 5));
	}

	@Test
	void badStopReportsAndPositionsAreRefusedAndChangeNothing() {
		String routeId = dispatch(stocked);
		String outcome = "/api/v1/routes/" + routeId + "/stops/" + stocked.get(0) + "/outcome";
		assertThat(api.post(outcome, station.key(), "{\"outcome\":\"DELIVERED\"}").status())
			.as("not started yet").isEqualTo(409);
		api.post("/api/v1/routes/" + routeId + "/start", station.key(), null);
		String before = snapshot();
		assertThat(api.post(outcome, station.key(), "{\"outcome\":\"FAILED\"}").status()).isEqualTo(400);
		assertThat(api.post(outcome, station.key(), "{\"outcome\":\"LOST\"}").status()).isEqualTo(400);
		assertThat(api.post("/api/v1/routes/" + routeId + "/stops/" + UUID.randomUUID() + "/outcome", station.key(),
				"{\"outcome\":\"DELIVERED\"}").status()).isEqualTo(404);
		var position = api.post("/api/v1/routes/" + routeId + "/positions", station.key(), "{\"lat\":91,\"lon\":1.5}");
		assertThat(position.status()).isEqualTo(400);
		assertThat(position.json().get("errors").findValuesAsString("field")).containsExactly("lat");
		assertThat(snapshot()).isEqualTo(before);

		assertThat(api.post(outcome, station.key(), "{\"outcome\":\"DELIVERED\"}").status()).isEqualTo(200);
		String afterDelivery = snapshot();
		var again = api.post(outcome, station.key(), "{\"outcome\":\"FAILED\",\"reason\":\"REFUSED\"}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("type")).isEqualTo("urn:herald:problem:stop-finished");
		assertThat(snapshot()).isEqualTo(afterDelivery);
	}

	@Test
	void aFinishedRouteRefusesEverything() {
		String routeId = dispatch(List.of(stocked.get(0)));
		api.post("/api/v1/routes/" + routeId + "/start", station.key(), null);
		api.post("/api/v1/routes/" + routeId + "/stops/" + stocked.get(0) + "/outcome", station.key(),
				"{\"outcome\":\"DELIVERED\"}");
		assertThat(api.get("/api/v1/routes/" + routeId, station.key()).text("state")).isEqualTo("FINISHED");
		String before = snapshot();
		var position = api.post("/api/v1/routes/" + routeId + "/positions", station.key(), "{\"lat\":42.5,\"lon\":1.5}");
		assertThat(position.status()).isEqualTo(409);
		assertThat(position.text("type")).isEqualTo("urn:herald:problem:route-finished");
		assertThat(api.post("/api/v1/routes/" + routeId + "/replan", station.key(),
				"{\"add\":[\"" + stocked.get(1) + "\"]}").status()).isEqualTo(409);
		assertThat(api.post("/api/v1/routes/" + routeId + "/start", station.key(), null).status()).isEqualTo(409);
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void replanningKeepsVisitedStopsInPlace() {
		String routeId = dispatch(stocked.subList(0, 4));
		api.post("/api/v1/routes/" + routeId + "/start", station.key(), null);
		String first = firstPending(routeId);
		api.post("/api/v1/routes/" + routeId + "/stops/" + first + "/outcome", station.key(), "{\"outcome\":\"DELIVERED\"}");
		String removed = stocked.subList(0, 4).stream().filter(id -> !id.equals(first)).findFirst().orElseThrow();
		var replanned = api.post("/api/v1/routes/" + routeId + "/replan", station.key(),
				"{\"add\":[\"" + stocked.get(4) + "\"],\"remove\":[\"" + removed + "\"]}");
		assertThat(replanned.status()).as(replanned.toString()).isEqualTo(200);
		JsonNode stops = replanned.json().get("stops");
		assertThat(stops.get(0).get("orderId").asString()).isEqualTo(first);
		assertThat(stops.get(0).get("state").asString()).isEqualTo("DELIVERED");
		assertThat(replanned.json().get("total").asInt()).isEqualTo(4);
		assertThat(replanned.json().get("remaining").asInt()).isEqualTo(3);
		assertThat(api.get("/api/v1/orders/" + stocked.get(4), merchant.key()).text("state")).isEqualTo("OUT_FOR_DELIVERY");
		// taken off a started route, the order is back at the station, ready for another route
		assertThat(api.get("/api/v1/orders/" + removed, merchant.key()).text("state")).isEqualTo("STOCKED");
	}

	@Test
	void aFailedDeliveryTellsTheCustomerWhyAndTheOrderCanGoOutAgain() {
		String routeId = dispatch(List.of(stocked.get(0)));
		api.post("/api/v1/routes/" + routeId + "/start", station.key(), null);
		var failed = api.post("/api/v1/routes/" + routeId + "/stops/" + stocked.get(0) + "/outcome", station.key(),
				"{\"outcome\":\"FAILED\",\"reason\":\"CUSTOMER_ABSENT\",\"note\":\"rang twice\"}");
		assertThat(failed.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/orders/" + stocked.get(0), merchant.key()).text("state")).isEqualTo("DELIVERY_FAILED");
		eventually("the failure is told", () -> receiver().received("/routes").stream()
			.anyMatch(r -> r.body().contains("DELIVERY_FAILED")));
		JsonNode data = receiver().received("/routes").stream().map(r -> Api.JSON.readTree(r.body()).get("data"))
			.filter(d -> d.get("kind").asString().equals("DELIVERY_FAILED")).findFirst().orElseThrow();
		assertThat(data.get("reason").asString()).isEqualTo("CUSTOMER_ABSENT");
		assertThat(data.get("message").asString()).contains("家中无人", "rang twice");
		var view = api.get("/api/v1/orders/" + stocked.get(0) + "/delivery", merchant.key()).json();
		assertThat(view.get("stopState").asString()).isEqualTo("FAILED");
	}

	@Test
	void theOrdersViewShowsItsPlaceAndWindow() {
		String routeId = dispatch(stocked);
		api.post("/api/v1/routes/" + routeId + "/start", station.key(), null);
		String last = null;
		for (JsonNode stop : api.get("/api/v1/routes/" + routeId, station.key()).json().get("stops")) {
			if (stop.get("stopsBefore").asInt() == 4) {
				last = stop.get("orderId").asString();
			}
		}
		var view = api.get("/api/v1/orders/" + last + "/delivery", merchant.key()).json();
		assertThat(view.get("summary").asString()).isEqualTo("stop 5 of 5, 4 before you");
		assertThat(view.get("windowEarliest").asString()).isNotBlank();
		assertThat(java.time.Instant.parse(view.get("windowLatest").asString()))
			.isAfter(java.time.Instant.parse(view.get("windowEarliest").asString()));
		assertThat(api.get("/api/v1/orders/" + last + "/delivery", other.key()).status()).isEqualTo(404);
	}

	@Test
	void aCourierFarBehindMovesTheWindowsAndCustomersHearOnceWithinTheInterval() {
		String routeId = dispatch(stocked.subList(0, 3));
		api.post("/api/v1/routes/" + routeId + "/start", station.key(), null);
		eventually("the start is told", () -> count("select count(*) from notification where kind = 'OUT_FOR_DELIVERY'") == 6);
		JsonNode before = api.get("/api/v1/routes/" + routeId, station.key()).json().get("stops").get(0);

		// the courier turns up at Pas de la Casa, 20 km away
		var moved = api.post("/api/v1/routes/" + routeId + "/positions", station.key(), "{\"lat\":42.5428,\"lon\":1.7336}");
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.json().get("courierPosition").get("lat").asDouble()).isEqualTo(42.5428);
		JsonNode after = moved.json().get("stops").get(0);
		assertThat(java.time.Instant.parse(after.get("eta").asString()))
			.isAfter(java.time.Instant.parse(before.get("eta").asString()).plusSeconds(30 * 60));
		eventually("the moved windows are told", () -> count(
				"select count(*) from notification where kind = 'ETA_CHANGED' and channel = 'WEBHOOK'") == 3);

		// further still, within the interval: nothing more
		api.post("/api/v1/routes/" + routeId + "/positions", station.key(), "{\"lat\":42.60,\"lon\":1.80}");
		awaitIdleOutbox();
		assertThat(count("select count(*) from notification where kind = 'ETA_CHANGED' and channel = 'WEBHOOK'"))
			.isEqualTo(3);
		JsonNode changed = receiver().received("/routes").stream().map(r -> Api.JSON.readTree(r.body()).get("data"))
			.filter(d -> d.get("kind").asString().equals("ETA_CHANGED")).findFirst().orElseThrow();
		assertThat(changed.get("message").asString()).contains("预计在");
	}

	@Test
	void ordersAreSplitAmongCouriersWithinTheirCapacity() {
		// every order carries 3 items (2 teas and a cup)
		var split = api.post("/api/v1/routes/split", station.key(), """
				{"couriers":[{"name":"Pau","capacityItems":9,"vehicleProfile":"BIKE"},
				             {"name":"Mia","capacityItems":6,"vehicleProfile":"BIKE"}]}""");
		assertThat(split.status()).as(split.toString()).isEqualTo(201);
		JsonNode routes = split.json().get("routes");
		List<String> routed = new ArrayList<>();
		int capacityUsedByMia = 0;
		for (JsonNode route : routes) {
			int items = route.get("stops").size() * 3;
			assertThat(items).isLessThanOrEqualTo(route.get("courier").get("name").asString().equals("Pau") ? 9 : 6);
			route.get("stops").forEach(stop -> routed.add(stop.get("orderId").asString()));
			if (route.get("courier").get("name").asString().equals("Mia")) {
				capacityUsedByMia = items;
			}
		}
		assertThat(routed).containsExactlyInAnyOrderElementsOf(stocked);
		assertThat(split.json().get("unassigned").size()).isZero();
		assertThat(capacityUsedByMia).isEqualTo(6);
	}

	@Test
	void ordersNoCourierCanTakeAreReportedAndStayStocked() {
		var split = api.post("/api/v1/routes/split", station.key(), """
				{"couriers":[{"name":"Pau","capacityItems":3},{"name":"Mia","capacityItems":3}]}""");
		assertThat(split.status()).isEqualTo(201);
		assertThat(split.json().get("routes").size()).isEqualTo(2);
		assertThat(split.json().get("unassigned").size()).isEqualTo(3);
		String left = split.json().get("unassigned").get(0).asString();
		assertThat(api.get("/api/v1/orders/" + left, merchant.key()).text("state")).isEqualTo("STOCKED");
		assertThat(api.post("/api/v1/routes/split", station.key(), "{\"couriers\":[{\"name\":\"X\",\"capacityItems\":0}]}")
			.status()).isEqualTo(400);
	}

	String snapshot() {
		return jdbc.sql("""
				select (select count(*) from route) || '/' || (select coalesce(sum(version), 0) from route)
				  || '/' || (select count(*) from route_stop)
				  || '/' || (select coalesce(string_agg(state, ',' order by order_id), '') from route_stop)
				  || '/' || (select string_agg(state, ',' order by id) from customer_order)
				  || '/' || (select count(*) from order_event)""")
			.query(String.class)
			.single();
	}

}
