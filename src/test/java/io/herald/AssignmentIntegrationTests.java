package io.herald;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders are assigned by the configured strategies; an order nobody covers is kept and assigned later. */
class AssignmentIntegrationTests extends IntegrationTestBase {

	@Test
	void uncoveredOrderIsKeptListedAndAssignedWhenAStationArrives() {
		var merchant = fixtures.merchant("Acme", null);
		var placed = api.post("/api/v1/orders", merchant.key(), Fixtures.order("U-1", 42.535, 1.58, null, "en"));
		assertThat(placed.status()).isEqualTo(201);
		assertThat(placed.text("state")).isEqualTo("UNASSIGNED");
		String orderId = placed.text("id");

		var unassigned = api.get("/api/v1/orders?state=UNASSIGNED", merchant.key()).json();
		assertThat(unassigned.get("items").findValuesAsString("id")).containsExactly(orderId);

		var encamp = fixtures.station("Encamp", 42.5345, 1.5803, Fixtures.ENCAMP);
		eventually("the order is assigned to the new station", () -> encamp.id()
			.equals(api.get("/api/v1/orders/" + orderId, merchant.key()).text("stationId")));
		var story = api.get("/api/v1/orders/" + orderId + "/events", merchant.key()).json();
		assertThat(story.findValuesAsString("type")).containsExactly("order.placed", "order.unassigned",
				"order.assigned");
	}

	@Test
	void regionCodeAndNearestStationDecideOutsidePolygons() {
		var merchant = fixtures.merchant("Acme", null);
		var laVella = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA, "AD-07");
		var encamp = fixtures.station("Encamp", 42.5345, 1.5803, Fixtures.ENCAMP, "AD-03");

		String byRegion = Fixtures.order("G-1", 42.46, 1.49, null, "en")
			.replace("\"lon\":1.49}", "\"lon\":1.49,\"regionCode\":\"AD-03\"}");
		var regional = api.post("/api/v1/orders", merchant.key(), byRegion);
		assertThat(regional.text("stationId")).isEqualTo(encamp.id());
		assertThat(regional.text("assignedBy")).isEqualTo("region-code");

		var nearest = api.post("/api/v1/orders", merchant.key(), Fixtures.order("G-2", 42.46, 1.49, null, "en"));
		assertThat(nearest.text("stationId")).isEqualTo(laVella.id());
		assertThat(nearest.text("assignedBy")).isEqualTo("nearest");

		var faraway = api.post("/api/v1/orders", merchant.key(), Fixtures.order("G-3", 31.23, 121.47, null, "en"));
		assertThat(faraway.text("state")).isEqualTo("UNASSIGNED");
	}

	@Test
	void explicitReassignmentAndDeactivatedStations() {
		var merchant = fixtures.merchant("Acme", null);
		var laVella = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var encamp = fixtures.station("Encamp", 42.5345, 1.5803, Fixtures.ENCAMP);
		String orderId = fixtures.place(merchant, Fixtures.order("E-1", 42.507, 1.52, null, "en"));

		var moved = api.post("/api/v1/orders/" + orderId + "/assignment", merchant.key(),
				"{\"stationId\":\"" + encamp.id() + "\"}");
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.text("stationId")).isEqualTo(encamp.id());
		assertThat(moved.text("assignedBy")).isEqualTo("explicit");
		assertThat(api.get("/api/v1/orders/" + orderId, laVella.key()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/orders/" + orderId, encamp.key()).status()).isEqualTo(200);

		// run the strategies again: back to the polygon that covers it
		var rerun = api.post("/api/v1/orders/" + orderId + "/assignment", merchant.key(), null);
		assertThat(rerun.text("stationId")).isEqualTo(laVella.id());

		// a deactivated station no longer receives orders
		assertThat(api.delete("/api/v1/stations/" + laVella.id(), ADMIN_KEY).status()).isEqualTo(200);
		var next = api.post("/api/v1/orders", merchant.key(), Fixtures.order("E-2", 42.507, 1.52, null, "en"));
		assertThat(next.text("stationId")).isEqualTo(encamp.id());
		assertThat(next.text("assignedBy")).isEqualTo("nearest");
	}

	@Test
	void stockingFailedForAnUnserviceableAddressCanBeReassigned() {
		var merchant = fixtures.merchant("Acme", null);
		var laVella = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var encamp = fixtures.station("Encamp", 42.5345, 1.5803, Fixtures.ENCAMP);
		String orderId = fixtures.place(merchant, Fixtures.order("F-1", 42.507, 1.52, null, "en"));
		api.post("/api/v1/orders/" + orderId + "/stocking", laVella.key(),
				"{\"status\":\"FAILED\",\"reason\":\"ADDRESS_UNSERVICEABLE\"}");

		var moved = api.post("/api/v1/orders/" + orderId + "/assignment", ADMIN_KEY,
				"{\"stationId\":\"" + encamp.id() + "\"}");
		assertThat(moved.text("state")).isEqualTo("ASSIGNED");
		assertThat(moved.json().get("stocking").get("status").asString()).isEqualTo("PENDING");
	}

}
