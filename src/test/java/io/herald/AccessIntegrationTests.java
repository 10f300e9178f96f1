package io.herald;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cross-station and cross-merchant matrix: a station sees and reports only its own orders, a merchant sees only
 * its own; anything else is "not found", so keys cannot even probe for other parties' order ids.
 */
class AccessIntegrationTests extends IntegrationTestBase {

	@org.springframework.beans.factory.annotation.Autowired
	io.herald.access.ApiKeys keys;

	Fixtures.Merchant acme;

	Fixtures.Merchant globex;

	Fixtures.Station laVella;

	Fixtures.Station encamp;

	String acmeOrderAtLaVella;

	String globexOrderAtEncamp;

	@BeforeEach
	void twoMerchantsTwoStations() {
		acme = fixtures.merchant("Acme", null);
		globex = fixtures.merchant("Globex", null);
		laVella = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		encamp = fixtures.station("Encamp", 42.5345, 1.5803, Fixtures.ENCAMP);
		acmeOrderAtLaVella = fixtures.place(acme, Fixtures.order("M-1", 42.507, 1.52, null, "en"));
		globexOrderAtEncamp = fixtures.place(globex, Fixtures.order("M-1", 42.535, 1.58, null, "en"));
	}

	@Test
	void stationSeesAndReportsOnlyItsOwnOrders() {
		assertThat(api.get("/api/v1/orders/" + acmeOrderAtLaVella, laVella.key()).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/orders/" + globexOrderAtEncamp, laVella.key()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/orders/" + acmeOrderAtLaVella, encamp.key()).status()).isEqualTo(404);

		var foreignReport = api.post("/api/v1/orders/" + globexOrderAtEncamp + "/stocking", laVella.key(),
				"{\"status\":\"STOCKED\"}");
		assertThat(foreignReport.status()).isEqualTo(404);
		assertThat(api.get("/api/v1/orders/" + globexOrderAtEncamp, ADMIN_KEY).json().get("state").asString())
			.isEqualTo("ASSIGNED");

		var batch = api.post("/api/v1/stocking-reports", laVella.key(), """
				{"reports":[{"orderId":"%s","status":"STOCKED"},{"orderId":"%s","status":"STOCKED"}]}"""
			.formatted(acmeOrderAtLaVella, globexOrderAtEncamp));
		assertThat(batch.status()).isEqualTo(200);
		assertThat(batch.json().get("results").get(0).get("status").asString()).isEqualTo("APPLIED");
		assertThat(batch.json().get("results").get(1).get("status").asString()).isEqualTo("NOT_FOUND");
		assertThat(api.get("/api/v1/orders/" + globexOrderAtEncamp, ADMIN_KEY).json().get("state").asString())
			.isEqualTo("ASSIGNED");
	}

	@Test
	void stationListsOnlyItsOwnOrders() {
		var own = api.get("/api/v1/stations/" + laVella.id() + "/orders", laVella.key());
		assertThat(own.status()).isEqualTo(200);
		assertThat(own.json().get("items").findValuesAsString("id")).containsExactly(acmeOrderAtLaVella);
		assertThat(api.get("/api/v1/stations/" + encamp.id() + "/orders", laVella.key()).status()).isEqualTo(404);
		// the general listing is scoped too, whatever filter is asked for
		var listed = api.get("/api/v1/orders?stationId=" + encamp.id(), laVella.key());
		assertThat(listed.json().get("items").findValuesAsString("id")).containsExactly(acmeOrderAtLaVella);
		assertThat(api.get("/api/v1/stations/" + encamp.id(), laVella.key()).status()).isEqualTo(404);
	}

	@Test
	void merchantSeesOnlyItsOwnOrders() {
		assertThat(api.get("/api/v1/orders/" + acmeOrderAtLaVella, acme.key()).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/orders/" + globexOrderAtEncamp, acme.key()).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/orders/" + globexOrderAtEncamp + "/notifications", acme.key()).status())
			.isEqualTo(404);
		assertThat(api.get("/api/v1/orders/" + globexOrderAtEncamp + "/events", acme.key()).status()).isEqualTo(404);
		assertThat(api.post("/api/v1/orders/" + globexOrderAtEncamp + "/cancellation", acme.key(), "{}").status())
			.isEqualTo(404);
		var listed = api.get("/api/v1/orders?merchantId=" + globex.id(), acme.key());
		assertThat(listed.json().get("items").findValuesAsString("id")).containsExactly(acmeOrderAtLaVella);
		// the same order number is independent per merchant
		assertThat(api.get("/api/v1/orders/by-number/M-1", acme.key()).text("id")).isEqualTo(acmeOrderAtLaVella);
		assertThat(api.get("/api/v1/orders/by-number/M-1", globex.key()).text("id")).isEqualTo(globexOrderAtEncamp);
		assertThat(api.get("/api/v1/merchants/" + globex.id(), acme.key()).status()).isEqualTo(404);
	}

	@Test
	void rolesAreEnforced() {
		assertThat(api.post("/api/v1/orders/" + acmeOrderAtLaVella + "/stocking", acme.key(), "{\"status\":\"STOCKED\"}")
			.status()).isEqualTo(403);
		assertThat(api.post("/api/v1/orders", laVella.key(), Fixtures.order("Z", 42.5, 1.5, null, "en")).status())
			.isEqualTo(403);
		assertThat(api.post("/api/v1/stations", laVella.key(), "{}").status()).isEqualTo(403);
		assertThat(api.get("/api/v1/merchants", acme.key()).status()).isEqualTo(403);
		assertThat(api.get("/api/v1/orders", null).status()).isEqualTo(401);
		assertThat(api.get("/api/v1/orders", ADMIN_KEY).json().get("total").asInt()).isEqualTo(2);
	}

	@Test
	void rotatedStationKeyReplacesTheOldOne() throws Exception {
		var rotated = api.post("/api/v1/stations/" + laVella.id() + "/keys", ADMIN_KEY, null);
		assertThat(rotated.status()).isEqualTo(201);
		String newKey = rotated.text("key");
		assertThat(api.get("/api/v1/orders/" + acmeOrderAtLaVella, newKey).status()).isEqualTo(200);
		// the old key stops working at the latest when this node's key cache (10 s) expires; in the database it is revoked now
		assertThat(count("select count(*) from api_key where station_id = ?::uuid and revoked_at is null", laVella.id()))
			.isEqualTo(1);
	}

	@Test
	void operatorsListAndRevokeKeys() {
		var listed = api.get("/api/v1/keys", ADMIN_KEY);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).doesNotContain(acme.key());
		String acmeKeyId = null;
		for (var key : listed.json()) {
			if (acme.id().equals(key.path("merchantId").asString())) {
				acmeKeyId = key.get("id").asString();
			}
		}
		assertThat(acmeKeyId).isNotNull();
		assertThat(api.get("/api/v1/keys", acme.key()).status()).isEqualTo(403);
		assertThat(api.delete("/api/v1/keys/" + acmeKeyId, ADMIN_KEY).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/orders", acme.key()).status()).isEqualTo(401);
		assertThat(api.delete("/api/v1/keys/" + acmeKeyId, ADMIN_KEY).status()).isEqualTo(404);
	}

	@Test
	void aChangedBootstrapKeyRevokesTheOldOne() {
		String old = "old-bootstrap-key-0123456789-0123456789";
		keys.ensureAdminKey(old, "bootstrap");
		assertThat(api.get("/api/v1/merchants", old).status()).isEqualTo(200);
		keys.revokeLabelledExcept("bootstrap", "new-bootstrap-key-0123456789-0123456789");
		assertThat(api.get("/api/v1/merchants", old).status()).isEqualTo(401);
	}

	@Test
	void webhookUrlsIntoPrivateNetworksAreRefusedUnlessAllowed() {
		// this test context allows loopback (the test receiver lives there); the policy itself is unit-tested
		assertThat(api.put("/api/v1/merchants/" + acme.id() + "/webhook", acme.key(),
				"{\"url\":\"ftp://example.com/x\"}").status()).isEqualTo(400);
		assertThat(api.put("/api/v1/merchants/" + acme.id() + "/webhook", acme.key(),
				"{\"url\":\"http://127.0.0.1:9/x\"}").status()).isEqualTo(200);
	}

	@Test
	void keysAreStoredHashedOnly() {
		assertThat(count("select count(*) from api_key where key_prefix = left(?, 8)", acme.key())).isEqualTo(1);
		assertThat(count("select count(*) from api_key where encode(key_hash, 'escape') like '%' || ? || '%'",
				acme.key().substring(5))).isZero();
	}

}
