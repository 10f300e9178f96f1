package io.herald;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.herald.support.Fixtures;
import io.herald.support.Fixtures.Merchant;
import io.herald.support.Fixtures.Station;
import io.herald.support.IntegrationTestBase;
import io.herald.support.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mass assignment (OWASP API3:2023): a client sets only what its request records name. Fields the server owns (an
 * order's id, merchant, station, state, stocking, tracking token, creation time; a subscription's merchant; another merchant's
 * customer preferences) sent by a client are ignored or refused, never stored.
 */
class MassAssignmentIntegrationTests extends IntegrationTestBase {

	private Merchant merchant;

	private Merchant otherMerchant;

	private Station station;

	private Station otherStation;

	@BeforeEach
	void tenants() {
		merchant = fixtures.merchant("Merchant A", receiver().url("/a"));
		otherMerchant = fixtures.merchant("Merchant B", receiver().url("/b"));
		station = fixtures.station("Station A", 42.507, 1.521, Fixtures.ANDORRA_LA_VELLA);
		otherStation = fixtures.station("Station B", 42.535, 1.58, Fixtures.ENCAMP);
	}

	@Test
	void anOrderTakesNoServerOwnedFieldFromItsPlacement() {
		String forged = UUID.randomUUID().toString();
		String json = Fixtures.order("MA-1", 42.507, 1.521, "li@example.com", "en")
			.replaceFirst("\\{", "{\"id\":\"" + forged + "\",\"merchantId\":\"" + otherMerchant.id() + "\",\"stationId\":\""
					+ otherStation.id() + "\",\"state\":\"DELIVERED\",\"stocking\":{\"status\":\"STOCKED\"},"
					+ "\"trackingToken\":\"chosen-by-the-client\",\"createdAt\":\"2001-01-01T00:00:00Z\",");
		String id = fixtures.place(merchant, json);

		var order = api.get("/api/v1/orders/" + id, merchant.key()).json();
		assertThat(id).isNotEqualTo(forged);
		assertThat(order.get("merchantId").asString()).isEqualTo(merchant.id());
		assertThat(order.get("stationId").asString()).as("assigned by the strategy").isEqualTo(station.id());
		assertThat(order.get("state").asString()).isEqualTo("ASSIGNED");
		assertThat(order.get("stocking").get("status").asString()).isEqualTo("PENDING");
		assertThat(count("select count(*) from order_tracking where token = 'chosen-by-the-client'")).isZero();
		assertThat(count("select count(*) from customer_order where id = ?::uuid and created_at < '2002-01-01'", id))
			.isZero();
		assertThat(api.get("/api/v1/orders/" + id, otherMerchant.key()).status()).isEqualTo(404);
	}

	@Test
	void aStockingReportCannotNameAnotherOrderOrStation() {
		String id = fixtures.place(merchant, Fixtures.order("MA-2", 42.507, 1.521, null, "en"));
		String other = fixtures.place(merchant, Fixtures.order("MA-3", 42.507, 1.521, null, "en"));

		var report = api.post("/api/v1/orders/" + id + "/stocking", station.key(),
				"{\"status\":\"STOCKED\",\"orderId\":\"" + other + "\",\"stationId\":\"" + otherStation.id() + "\"}");

		assertThat(report.status()).as(report.toString()).isEqualTo(200);
		assertThat(api.get("/api/v1/orders/" + id, merchant.key()).json().get("stocking").get("status").asString())
			.isEqualTo("STOCKED");
		assertThat(api.get("/api/v1/orders/" + other, merchant.key()).json().get("stocking").get("status").asString())
			.as("the order named only in the body").isEqualTo("PENDING");
		assertThat(api.get("/api/v1/orders/" + id, merchant.key()).json().get("stationId").asString())
			.isEqualTo(station.id());
	}

	@Test
	void aMerchantKeySubscribesAndPrefersOnlyForItsOwnMerchant() {
		var subscription = api.post("/api/v1/webhooks/subscriptions", otherMerchant.key(),
				"{\"merchantId\":\"" + merchant.id() + "\",\"url\":\"" + receiver().url("/steal") + "\"}");
		Problems.assertProblem(subscription, 400);
		assertThat(subscription.body()).contains("merchantId");
		assertThat(count("select count(*) from webhook_subscription")).isZero();

		String preferences = "{\"channels\":[\"SMS\"],\"optOuts\":[\"*:EMAIL\"]}";
		var stored = api.put("/api/v1/customer-preferences?customer=li@example.com&merchantId=" + merchant.id(),
				otherMerchant.key(), preferences);
		assertThat(stored.status()).as(stored.toString()).isEqualTo(200);

		var mine = api.get("/api/v1/customer-preferences?customer=li@example.com", merchant.key()).json();
		assertThat(mine.get("channels").size()).as("merchant A's customer keeps the defaults").isZero();
		assertThat(mine.get("optOuts").size()).isZero();
		var theirs = api.get("/api/v1/customer-preferences?customer=li@example.com", otherMerchant.key()).json();
		assertThat(theirs.get("channels").get(0).asString()).as("stored under the caller's own merchant")
			.isEqualTo("SMS");
	}

}
