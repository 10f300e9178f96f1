package io.herald;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile review of the running jar answered with 500 (values PostgreSQL cannot store, an offset overflowing
 * an int) or answered too generously (a CSV's million problems, an email address mangled on the wire): each is
 * refused as the client's error, names the field, and changes nothing.
 */
class HostileInputIntegrationTests extends IntegrationTestBase {

	static final String HEADER = "order_number,address,lat,lon,region_code,customer_name,customer_phone,customer_email,"
			+ "customer_locale,customer_time_zone,placed_at,sku,item_name,quantity\n";

	Fixtures.Merchant merchant;

	String orderId;

	@BeforeEach
	void anOrderExists() {
		merchant = fixtures.merchant("Acme", null);
		fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		orderId = fixtures.place(merchant, Fixtures.order("B-1", 42.507, 1.52, "li@example.com", "en"));
	}

	String snapshot() {
		return jdbc.sql("""
				select (select count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(string_agg(state, ','), '')
				  from customer_order) || '/' || (select count(*) from order_event)
				  || '/' || (select count(*) from notification)""").query(String.class).single();
	}

	static void assertRefused(Api.Response response, String type, String field) {
		Problems.assertProblem(response, 400, type);
		assertThat(response.json().get("errors").findValuesAsString("field")).as(response.toString()).contains(field);
	}

	@Test
	void aNulCharacterInAnyStringFieldIsRefusedNamingTheField() {
		String before = snapshot();
		assertRefused(api.post("/api/v1/orders", merchant.key(),
				Fixtures.order("B-2", 42.507, 1.52, null, "en").replace("Li Wei", "Li\\u0000Wei")), "malformed-body",
				"customer.name");
		assertRefused(api.post("/api/v1/orders", merchant.key(),
				Fixtures.order("B-2", 42.507, 1.52, null, "en").replace("Green tea", "\\u0000")), "malformed-body",
				"items[0].name");
		var number = api.post("/api/v1/orders", merchant.key(), Fixtures.order("B\\u0000-2", 42.507, 1.52, null, "en"));
		assertRefused(number, "malformed-body", "orderNumber");
		assertThat(number.text("detail")).isEqualTo("Field 'orderNumber' must not contain the NUL character (U+0000)");
		assertRefused(api.post("/api/v1/orders/" + orderId + "/cancellation", merchant.key(),
				"{\"reason\":\"changed \\u0000 mind\"}"), "malformed-body", "reason");
		assertRefused(api.get("/api/v1/orders/by-number/x?orderNumber=a%00", merchant.key()), "validation",
				"orderNumber");
		assertRefused(api.get("/api/v1/orders?orderNumber=B%00-1", merchant.key()), "validation", "orderNumber");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void aNulCharacterInACsvCellIsRefusedNamingRowAndColumn() {
		String before = snapshot();
		String csv = HEADER + "C-1,Somewhere,42.507,1.52,,Li\u0000Wei,,,en,,,TEA-1,Green tea,2\n";
		assertRefused(api.upload("/api/v1/orders/import", merchant.key(), "orders.csv", csv), "validation",
				"row 2: customer_name");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void aTimeBeyondWhatPostgresqlStoresIsRefused() {
		String before = snapshot();
		for (String time : new String[] { "%2B999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
				"%2B10000-01-01T00:00:00Z" }) {
			var filter = api.get("/api/v1/orders?placedFrom=" + time, merchant.key());
			assertRefused(filter, "validation", "placedFrom");
			assertThat(filter.text("detail")).contains("between the years 1 and 9999");
		}
		assertThat(api.get("/api/v1/orders?placedTo=9999-12-31T00:00:00Z", merchant.key()).status()).isEqualTo(200);
		String body = Fixtures.order("B-3", 42.507, 1.52, null, "en")
			.replace("\"items\"", "\"placedAt\":\"+275760-09-13T00:00:00Z\",\"items\"");
		assertRefused(api.post("/api/v1/orders", merchant.key(), body), "malformed-body", "placedAt");
		String csv = HEADER + "C-1,Somewhere,42.507,1.52,,Li Wei,,,en,,+100000-01-01T00:00:00Z,TEA-1,Green tea,2\n";
		assertRefused(api.upload("/api/v1/orders/import", merchant.key(), "orders.csv", csv), "validation",
				"row 2: placed_at");
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void aPageFarBeyondTheEndIsEmptyNotAnOverflow() {
		var dead = api.get("/api/v1/notifications/dead?page=2147483647&size=500", ADMIN_KEY);
		assertThat(dead.status()).as(dead.toString()).isEqualTo(200);
		assertThat(dead.json().size()).isZero();
		var orders = api.get("/api/v1/orders?page=2147483647&size=200", merchant.key());
		assertThat(orders.status()).as(orders.toString()).isEqualTo(200);
		assertThat(orders.json().get("items").size()).isZero();
		Problems.assertProblem(api.get("/api/v1/orders?page=2147483648", merchant.key()), 400, "validation");
	}

	@Test
	void aCsvOfAMillionBadRowsListsTheFirstHundredAndCountsThemAll() {
		String before = snapshot();
		// 2 MB: a million rows of one column each, where the header has fourteen
		String csv = HEADER + "x\n".repeat(1_000_000);
		var response = api.upload("/api/v1/orders/import", merchant.key(), "orders.csv", csv);
		Problems.assertProblem(response, 400, "validation");
		assertThat(response.json().get("errors").size()).isEqualTo(100);
		assertThat(response.json().get("errorCount").asInt()).isEqualTo(1_000_000);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("row 2");
		assertThat(response.text("detail")).startsWith("1000000 problem(s) in the CSV");
		assertThat(response.body().length()).isLessThan(20_000);
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void onlyEmailAddressesTheMailLibrarySendsAsGivenAreAccepted() {
		String before = snapshot();
		for (String email : new String[] { "li\\u2028@example.com", "li@exa\\u2028mple.com", "li@example.com\\u0085",
				"l\\u00ef@example.com", "li wei@example.com", "Li <li@example.com>", "li@example.com\\r\\nBcc: x@y.z" }) {
			var response = api.post("/api/v1/orders", merchant.key(), Fixtures.order("B-4", 42.507, 1.52, null, "en")
				.replace("\"email\":null", "\"email\":\"" + email + "\""));
			assertRefused(response, "validation", "customer.email");
		}
		assertThat(snapshot()).isEqualTo(before);
		assertThat(api.post("/api/v1/orders", merchant.key(),
				Fixtures.order("B-5", 42.507, 1.52, "li.wei+orders@mail.example.com", "en")).status()).isEqualTo(201);
	}

}
