package io.herald;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Intake of many orders: the batch endpoint, CSV upload, and listing with filters and pagination. */
class IntakeIntegrationTests extends IntegrationTestBase {

	static final String HEADER = "order_number,address,lat,lon,region_code,customer_name,customer_phone,customer_email,"
			+ "customer_locale,customer_time_zone,placed_at,sku,item_name,quantity\n";

	@Test
	void batchReportsEachOrderSeparately() {
		var merchant = fixtures.merchant("Acme", null);
		fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		fixtures.place(merchant, Fixtures.order("K-1", 42.507, 1.52, null, "en"));

		String body = "{\"orders\":[" + Fixtures.order("K-1", 42.507, 1.52, null, "en") + ","
				+ Fixtures.order("K-1", 42.509, 1.52, null, "en").replace("K-1", "K-1") + ","
				+ Fixtures.order("K-2", 42.507, 1.52, null, "en") + ","
				+ Fixtures.order("K-3", 31.2, 121.4, null, "en") + "]}";
		var response = api.post("/api/v1/orders/batch", merchant.key(), body);
		assertThat(response.status()).isEqualTo(200);
		var json = response.json();
		assertThat(json.get("created").asInt()).isEqualTo(2);
		assertThat(json.get("replayed").asInt()).isEqualTo(1);
		assertThat(json.get("conflicts").asInt()).isEqualTo(1);
		assertThat(json.get("results").findValuesAsString("status")).containsExactly("REPLAYED", "CONFLICT", "CREATED",
				"CREATED");
		assertThat(json.get("results").get(3).get("state").asString()).isEqualTo("UNASSIGNED");
		assertThat(count("select count(*) from customer_order")).isEqualTo(3);
	}

	@Test
	void csvUploadGroupsItemLinesIntoOrders() {
		var merchant = fixtures.merchant("Acme", null);
		fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String csv = HEADER
				+ "CSV-1,\"Av. Meritxell 20, Andorra la Vella\",42.507,1.52,,Li Wei,+8613800138000,li@example.com,zh-CN,Asia/Shanghai,2026-11-24T08:00:00Z,TEA-1,Green tea,2\n"
				+ "CSV-1,\"Av. Meritxell 20, Andorra la Vella\",42.507,1.52,,Li Wei,+8613800138000,li@example.com,zh-CN,Asia/Shanghai,2026-11-24T08:00:00Z,CUP-1,Tea cup,1\n"
				+ "CSV-2,Carrer Major 1,42.508,1.521,,Sam,,sam@example.com,en,Europe/Andorra,,BOOK-1,Book,1\n";
		var response = api.upload("/api/v1/orders/import", merchant.key(), "orders.csv", csv);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("created").asInt()).isEqualTo(2);
		var order = api.get("/api/v1/orders/by-number/CSV-1", merchant.key()).json();
		assertThat(order.get("items").size()).isEqualTo(2);
		assertThat(order.get("items").get(1).get("name").asString()).isEqualTo("Tea cup");
		assertThat(order.get("state").asString()).isEqualTo("ASSIGNED");
		assertThat(order.get("placedAt").asString()).isEqualTo("2026-11-24T08:00:00Z");
	}

	@Test
	void csvWithAnyBadRowImportsNothingAndNamesTheRows() {
		var merchant = fixtures.merchant("Acme", null);
		String csv = HEADER
				+ "CSV-1,Somewhere,42.507,1.52,,Li Wei,,li@example.com,zh-CN,Asia/Shanghai,,TEA-1,Green tea,2\n"
				+ "CSV-2,Somewhere,95,1.52,,Sam,,sam@example.com,en,UTC,,BOOK-1,Book,0\n"
				+ "CSV-3,Somewhere,abc,1.52,,Sam,,sam@example.com,en,UTC,,BOOK-1,Book,1\n";
		var response = api.upload("/api/v1/orders/import", merchant.key(), "orders.csv", csv);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").findValuesAsString("field")).contains("row 3: destination.lat",
				"row 3: items[0].quantity", "row 4");
		assertThat(count("select count(*) from customer_order")).isZero();

		var noHeader = api.upload("/api/v1/orders/import", merchant.key(), "orders.csv", "a,b\n1,2\n");
		assertThat(noHeader.status()).isEqualTo(400);
	}

	@Test
	void listingFiltersAndPages() {
		var merchant = fixtures.merchant("Acme", null);
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		for (int i = 0; i < 5; i++) {
			fixtures.place(merchant, Fixtures.order("P-" + i, 42.507, 1.52, null, "en"));
		}
		String stocked = api.get("/api/v1/orders/by-number/P-3", merchant.key()).text("id");
		api.post("/api/v1/orders/" + stocked + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");

		var page = api.get("/api/v1/orders?size=2&page=1", merchant.key()).json();
		assertThat(page.get("total").asInt()).isEqualTo(5);
		assertThat(page.get("items").size()).isEqualTo(2);
		assertThat(api.get("/api/v1/orders?size=2&page=2", merchant.key()).json().get("items").size()).isEqualTo(1);

		var byStatus = api.get("/api/v1/stations/" + station.id() + "/orders?stockingStatus=STOCKED", station.key())
			.json();
		assertThat(byStatus.get("items").findValuesAsString("id")).containsExactly(stocked);
		var pending = api.get("/api/v1/stations/" + station.id() + "/orders?stockingStatus=PENDING", station.key())
			.json();
		assertThat(pending.get("total").asInt()).isEqualTo(4);
		assertThat(api.get("/api/v1/orders?orderNumber=P-4", merchant.key()).json().get("total").asInt()).isEqualTo(1);
	}

	@Test
	void openApiDocumentsTheApi() {
		var docs = api.get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().get("paths").has("/api/v1/orders")).isTrue();
		assertThat(docs.json().get("paths").has("/api/v1/stocking-reports")).isTrue();
		assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
		assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
		assertThat(api.get("/actuator/prometheus", ADMIN_KEY).body()).contains("herald_notifications_in_flight");
	}

}
