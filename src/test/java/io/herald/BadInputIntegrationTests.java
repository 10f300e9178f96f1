package io.herald;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input gets a clear problem+json answer and leaves the stored state exactly as it was. */
class BadInputIntegrationTests extends IntegrationTestBase {

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	String orderId;

	@BeforeEach
	void anOrderExists() {
		merchant = fixtures.merchant("Acme", null);
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		orderId = fixtures.place(merchant, Fixtures.order("B-1", 42.507, 1.52, "li@example.com", "zh-CN"));
	}

	/** Everything that a refused request must not change. */
	String snapshot() {
		return jdbc.sql("""
				select (select count(*) from customer_order) || '/' || (select coalesce(sum(version), 0) from customer_order)
				  || '/' || (select string_agg(state || stocking_status, ',' order by id) from customer_order)
				  || '/' || (select count(*) from order_event) || '/' || (select count(*) from notification)
				  || '/' || (select count(*) from station) || '/' || (select count(*) from merchant)
				  || '/' || (select count(*) from api_key)""")
			.query(String.class)
			.single();
	}

	void assertProblem(Api.Response response, int status, String type) {
		Problems.assertProblem(response, status, type);
		assertThat(response.json().get("status").asInt()).isEqualTo(status);
		assertThat(response.text("detail")).isNotBlank();
	}

	@Test
	void malformedJson() {
		String before = snapshot();
		var response = api.post("/api/v1/orders", merchant.key(), "{\"orderNumber\": \"B-2\", ");
		assertProblem(response, 400, "malformed-body");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void missingFieldsAreListed() {
		String before = snapshot();
		var response = api.post("/api/v1/orders", merchant.key(), "{\"orderNumber\":\"B-2\"}");
		assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").findValuesAsString("field")).contains("destination", "items",
				"customer");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void latitude91AndQuantity0() {
		String before = snapshot();
		String json = Fixtures.order("B-2", 91, 1.52, null, "en").replace("\"quantity\":2", "\"quantity\":0");
		var response = api.post("/api/v1/orders", merchant.key(), json);
		assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
				"destination.lat", "items[0].quantity");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void invalidPhoneLocaleAndTimeZone() {
		String before = snapshot();
		String json = Fixtures.order("B-2", 42.5, 1.52, "not-an-email", "en")
			.replace("+8613800138000", "0138 00")
			.replace("Asia/Shanghai", "Mars/Olympus");
		var response = api.post("/api/v1/orders", merchant.key(), json);
		assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
				"customer.phone", "customer.email", "customer.timeZone");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void unknownStation() {
		String before = snapshot();
		assertProblem(api.get("/api/v1/stations/" + UUID.randomUUID(), ADMIN_KEY), 404, "not-found");
		var reassign = api.post("/api/v1/orders/" + orderId + "/assignment", ADMIN_KEY,
				"{\"stationId\":\"" + UUID.randomUUID() + "\"}");
		assertProblem(reassign, 400, "validation");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void unknownOrder() {
		String before = snapshot();
		assertProblem(api.post("/api/v1/orders/" + UUID.randomUUID() + "/stocking", station.key(),
				"{\"status\":\"STOCKED\"}"), 404, "not-found");
		assertProblem(api.get("/api/v1/orders/" + UUID.randomUUID(), merchant.key()), 404, "not-found");
		assertProblem(api.get("/api/v1/orders/not-a-uuid", merchant.key()), 400, "validation");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void duplicateOrderNumberWithDifferentContentIsRefused() {
		String before = snapshot();
		var response = api.post("/api/v1/orders", merchant.key(),
				Fixtures.order("B-1", 42.508, 1.521, "li@example.com", "zh-CN"));
		assertProblem(response, 409, "duplicate-order-number");
		assertThat(snapshot()).isEqualTo(before);
		assertThat(api.get("/api/v1/orders/" + orderId, merchant.key()).json().get("destination").get("lat").asDouble())
			.isEqualTo(42.507);
	}

	@Test
	void theSameOrderAgainIsAnIdempotentReplay() {
		String before = snapshot();
		var response = api.post("/api/v1/orders", merchant.key(),
				Fixtures.order("B-1", 42.507, 1.52, "li@example.com", "zh-CN"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("id")).isEqualTo(orderId);
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void oversizedBatch() {
		String before = snapshot();
		String orders = IntStream.range(0, 1001)
			.mapToObj(i -> Fixtures.order("X-" + i, 42.507, 1.52, null, "en"))
			.collect(Collectors.joining(","));
		var response = api.post("/api/v1/orders/batch", merchant.key(), "{\"orders\":[" + orders + "]}");
		assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").findValuesAsString("field")).contains("orders");

		String reports = IntStream.range(0, 1001)
			.mapToObj(i -> "{\"orderId\":\"" + UUID.randomUUID() + "\",\"status\":\"STOCKED\"}")
			.collect(Collectors.joining(","));
		assertProblem(api.post("/api/v1/stocking-reports", station.key(), "{\"reports\":[" + reports + "]}"), 400,
				"validation");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void oversizedBody() {
		String before = snapshot();
		String huge = "{\"orderNumber\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
		assertProblem(api.post("/api/v1/orders", merchant.key(), huge), 413, "payload-too-large");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void oversizedChunkedBodyIsRefusedWhileReading() {
		String before = snapshot();
		String huge = Fixtures.order("B-7", 42.507, 1.52, null, "en")
			.replace("Av. Meritxell 20, Andorra la Vella", "x".repeat(5 * 1024 * 1024));
		assertProblem(api.postChunked("/api/v1/orders", merchant.key(), huge), 413, "payload-too-large");
		assertThat(snapshot()).isEqualTo(before);
		// a small chunked body is fine
		assertThat(api.postChunked("/api/v1/orders", merchant.key(), Fixtures.order("B-8", 42.507, 1.52, null, "en"))
			.status()).isEqualTo(201);
	}

	@Test
	void unknownEnumValueNamesTheFieldAndTheAllowedValues() {
		var response = api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"EXPLODED\"}");
		assertProblem(response, 400, "malformed-body");
		assertThat(response.text("detail")).isEqualTo("Field 'status' must be one of [PENDING, STOCKED, FAILED]");
		assertThat(response.text("detail")).doesNotContain("io.herald");
		var missing = api.post("/api/v1/orders", merchant.key(), "");
		assertProblem(missing, 400, "malformed-body");
		assertThat(missing.text("detail")).isEqualTo("A JSON request body is required");
	}

	@Test
	void csvWithAShortRowIsRefused() {
		String before = snapshot();
		String csv = "order_number,address,lat,lon,region_code,customer_name,customer_phone,customer_email,"
				+ "customer_locale,customer_time_zone,placed_at,sku,item_name,quantity\n"
				+ "C-1,Somewhere,42.507,1.52,,Li Wei,,li@example.com,zh-CN,Asia/Shanghai,,TEA-1,Green tea,2\n"
				+ "C-1,Addr\n";
		var response = api.upload("/api/v1/orders/import", merchant.key(), "orders.csv", csv);
		assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("row 3");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void aBatchWithOneInvalidOrderStoresNone() {
		String before = snapshot();
		String body = "{\"orders\":[" + Fixtures.order("C-1", 42.507, 1.52, null, "en") + ","
				+ Fixtures.order("C-2", 42.507, 200, null, "en") + "]}";
		var response = api.post("/api/v1/orders/batch", merchant.key(), body);
		assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("orders[1].destination.lon");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void wrongKey() {
		String before = snapshot();
		assertProblem(api.post("/api/v1/orders", "hk_m_not-a-real-key", Fixtures.order("B-9", 42.5, 1.52, null, "en")),
				401, "unauthenticated");
		assertProblem(api.post("/api/v1/orders", null, Fixtures.order("B-9", 42.5, 1.52, null, "en")), 401,
				"unauthenticated");
		// a real key of the wrong kind
		assertProblem(api.post("/api/v1/orders", station.key(), Fixtures.order("B-9", 42.5, 1.52, null, "en")), 403,
				"forbidden");
		assertProblem(api.post("/api/v1/stations", merchant.key(), "{}"), 403, "forbidden");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void stockingReportsWithBadContent() {
		String before = snapshot();
		String path = "/api/v1/orders/" + orderId + "/stocking";
		assertProblem(api.post(path, station.key(), "{\"status\":\"FAILED\"}"), 400, "validation");
		assertProblem(api.post(path, station.key(), "{\"status\":\"EXPLODED\"}"), 400, "malformed-body");
		assertProblem(api.post(path, station.key(), "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"failedLines\":[7]}"),
				400, "validation");
		assertProblem(api.post(path, station.key(), "{\"status\":\"STOCKED\",\"reason\":\"DAMAGED\"}"), 400, "validation");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void contradictingStockingReportIsAConflictUnlessCorrected() {
		String path = "/api/v1/orders/" + orderId + "/stocking";
		assertThat(api.post(path, station.key(), "{\"status\":\"STOCKED\"}").status()).isEqualTo(200);
		// the email, its copy on the order's live stream, the log
		eventually("the stocked notifications exist", () -> count("select count(*) from notification") == 3);
		String before = snapshot();
		assertProblem(api.post(path, station.key(), "{\"status\":\"FAILED\",\"reason\":\"DAMAGED\"}"), 409,
				"stocking-already-reported");
		assertThat(snapshot()).isEqualTo(before);

		var corrected = api.post(path + "/correction", station.key(), "{\"status\":\"FAILED\",\"reason\":\"DAMAGED\"}");
		assertThat(corrected.status()).isEqualTo(200);
		assertThat(corrected.json().get("order").get("state").asString()).isEqualTo("STOCKING_FAILED");
	}

	@Test
	void invalidTransitionIs409AndChangesNothing() {
		assertThat(api.post("/api/v1/orders/" + orderId + "/cancellation", merchant.key(), "{\"reason\":\"changed mind\"}")
			.status()).isEqualTo(200);
		// the email, its copy on the order's live stream, the log
		eventually("the cancellation notifications exist", () -> count("select count(*) from notification") == 3);
		String before = snapshot();
		assertProblem(api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}"),
				409, "invalid-transition");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void badPagingParameters() {
		assertProblem(api.get("/api/v1/orders?size=0", merchant.key()), 400, "validation");
		assertProblem(api.get("/api/v1/orders?size=100000", merchant.key()), 400, "validation");
		assertProblem(api.get("/api/v1/orders?state=LOST", merchant.key()), 400, "validation");
	}

	@Test
	void invalidServiceAreaIsRefused() {
		String before = snapshot();
		var response = api.post("/api/v1/stations", ADMIN_KEY,
				"{\"name\":\"X\",\"depot\":{\"lat\":42.5,\"lon\":1.5},\"serviceArea\":{\"type\":\"Point\",\"coordinates\":[1.5,42.5]}}");
		assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("serviceArea");
		assertThat(snapshot()).isEqualTo(before);
	}

}
