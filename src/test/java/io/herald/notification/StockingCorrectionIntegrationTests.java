package io.herald.notification;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A corrected stocking outcome is news: the customer's last message always matches the order's state. */
class StockingCorrectionIntegrationTests extends IntegrationTestBase {

	@Test
	void everyCorrectionIsToldOnceAndTheLastMessageMatchesTheState() {
		var merchant = fixtures.merchant("Acme", receiver().url("/corrections"));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = fixtures.place(merchant, Fixtures.order("K-1", 42.507, 1.52, "li@example.com", "en"));
		String path = "/api/v1/orders/" + orderId + "/stocking";

		api.post(path, station.key(), "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}");
		eventually("the first message is sent", () -> receiver().received("/corrections").size() == 1);
		api.post(path + "/correction", station.key(), "{\"status\":\"STOCKED\"}");
		eventually("the correction is sent", () -> receiver().received("/corrections").size() == 2);
		api.post(path + "/correction", station.key(), "{\"status\":\"FAILED\",\"reason\":\"DAMAGED\"}");
		eventually("the second correction is sent", () -> receiver().received("/corrections").size() == 3);
		// the same correction again changes nothing
		assertThat(api.post(path + "/correction", station.key(), "{\"status\":\"FAILED\",\"reason\":\"DAMAGED\"}")
			.json().get("applied").asBoolean()).isFalse();
		awaitIdleOutbox();

		var webhooks = receiver().received("/corrections");
		assertThat(webhooks).hasSize(3);
		assertThat(webhooks.stream().map(w -> Api.JSON.readTree(w.body()).get("data")).map(this::summary))
			.containsExactly("STOCKING_FAILED OUT_OF_STOCK", "STOCKED", "STOCKING_FAILED DAMAGED");
		assertThat(count("select count(*) from notification where order_id = ?::uuid and channel = 'EMAIL'",
				orderId)).isEqualTo(3);
	}

	private String summary(JsonNode data) {
		return data.get("kind").asString() + (data.has("reason") ? " " + data.get("reason").asString() : "");
	}

}
