package io.herald.notification;

import java.time.Duration;
import java.time.Instant;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription API as merchants and operators use it, with the production outbound policy (no private networks),
 * so nothing here is ever delivered: every bad request gets problem+json and leaves the stored subscriptions exactly
 * as they were, and another merchant's subscription does not exist for the caller.
 */
@TestPropertySource(properties = "herald.outbound.allow-private-networks=false")
class WebhookSubscriptionApiIntegrationTests extends IntegrationTestBase {

	static final String PATH = "/api/v1/webhooks/subscriptions";

	/** A public address, given as a literal so that the policy needs no DNS. */
	static final String PUBLIC_URL = "https://93.184.216.34/hooks/herald";

	Fixtures.Merchant acme;

	Fixtures.Merchant globex;

	@BeforeEach
	void twoMerchants() {
		acme = fixtures.merchant("Acme", null);
		globex = fixtures.merchant("Globex", null);
	}

	/** Everything that a refused request must not change. */
	String snapshot() {
		return jdbc.sql("""
				select count(*) || '/' || coalesce(string_agg(id || url || array_to_string(event_types, ',') || secret
				  || coalesce(previous_secret, '') || enabled || consecutive_failures || updated_at, ';' order by id), '')
				from webhook_subscription""")
			.query(String.class)
			.single();
	}

	static void assertProblem(Api.Response response, int status, String type) {
		Problems.assertProblem(response, status, type);
		assertThat(response.text("detail")).isNotBlank();
	}

	static String body(String url, String... eventTypes) {
		return "{\"url\":\"" + url + "\",\"eventTypes\":["
				+ (eventTypes.length == 0 ? "" : "\"" + String.join("\",\"", eventTypes) + "\"") + "]}";
	}

	JsonNode create(Fixtures.Merchant merchant, String url, String... eventTypes) {
		var response = api.post(PATH, merchant.key(), body(url, eventTypes));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json();
	}

	@Test
	void aMerchantManagesItsSubscriptions() {
		JsonNode created = create(acme, PUBLIC_URL, "STOCKING_FAILED", "STOCKED", "STOCKED");
		String id = created.get("subscription").get("id").asString();
		String secret = created.get("secret").asString();
		assertThat(secret).startsWith("whsec_");
		JsonNode view = created.get("subscription");
		assertThat(view.get("merchantId").asString()).isEqualTo(acme.id());
		assertThat(view.get("url").asString()).isEqualTo(PUBLIC_URL);
		// duplicates dropped, in the kinds' own order
		assertThat(view.get("eventTypes").valueStream().map(JsonNode::asString)).containsExactly("STOCKED",
				"STOCKING_FAILED");
		assertThat(view.get("enabled").asBoolean()).isTrue();
		assertThat(view.get("consecutiveFailures").asInt()).isZero();
		assertThat(view.has("secret")).isFalse();
		// without event types: every kind
		create(acme, "https://93.184.216.35/all");

		var list = api.get(PATH, acme.key());
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().findValuesAsString("url")).containsExactly(PUBLIC_URL, "https://93.184.216.35/all");
		// the secret is shown once: never in a list or a lookup
		assertThat(list.body()).doesNotContain(secret);
		var shown = api.get(PATH + "/" + id, acme.key());
		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.body()).doesNotContain(secret);

		var updated = api.put(PATH + "/" + id, acme.key(), body("https://93.184.216.34/v2", "OUT_FOR_DELIVERY"));
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.text("url")).isEqualTo("https://93.184.216.34/v2");
		assertThat(updated.json().get("eventTypes").valueStream().map(JsonNode::asString))
			.containsExactly("OUT_FOR_DELIVERY");
		assertThat(count("select count(*) from webhook_subscription where id = ?::uuid and secret = ?", id, secret))
			.isEqualTo(1);

		var rotated = api.post(PATH + "/" + id + "/rotate-secret", acme.key(), null);
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
		String newSecret = rotated.text("secret");
		assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
		Instant oldValidUntil = Instant.parse(rotated.json().get("subscription").get("previousSecretExpiresAt").asString());
		assertThat(Duration.between(Instant.now(), oldValidUntil)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
		assertThat(count("""
				select count(*) from webhook_subscription where id = ?::uuid and secret = ? and previous_secret = ?""", id,
				newSecret, secret)).isEqualTo(1);

		var deleted = api.delete(PATH + "/" + id, acme.key());
		assertThat(deleted.status()).isEqualTo(204);
		assertProblem(api.get(PATH + "/" + id, acme.key()), 404, "not-found");
		assertThat(api.get(PATH, acme.key()).json().findValuesAsString("url"))
			.containsExactly("https://93.184.216.35/all");
	}

	@Test
	void anOperatorActsForAnyMerchant() {
		var forGlobex = api.post(PATH, ADMIN_KEY,
				"{\"merchantId\":\"" + globex.id() + "\",\"url\":\"" + PUBLIC_URL + "\",\"eventTypes\":[\"DELIVERED\"]}");
		assertThat(forGlobex.status()).as(forGlobex.toString()).isEqualTo(201);
		String id = forGlobex.json().get("subscription").get("id").asString();
		create(acme, "https://93.184.216.35/acme");

		assertThat(api.get(PATH, globex.key()).json().findValuesAsString("id")).containsExactly(id);
		assertThat(api.get(PATH, ADMIN_KEY).json().size()).isEqualTo(2);
		assertThat(api.get(PATH + "?merchantId=" + globex.id(), ADMIN_KEY).json().findValuesAsString("id"))
			.containsExactly(id);
		// a merchant's scope wins over the filter
		assertThat(api.get(PATH + "?merchantId=" + globex.id(), acme.key()).json().findValuesAsString("url"))
			.containsExactly("https://93.184.216.35/acme");
		assertThat(api.post(PATH + "/" + id + "/enable", ADMIN_KEY, null).status()).isEqualTo(200);
		assertThat(api.delete(PATH + "/" + id, ADMIN_KEY).status()).isEqualTo(204);
	}

	@Test
	void anotherMerchantsSubscriptionDoesNotExistForTheCaller() {
		String id = create(globex, PUBLIC_URL, "STOCKED").get("subscription").get("id").asString();
		String before = snapshot();

		assertProblem(api.get(PATH + "/" + id, acme.key()), 404, "not-found");
		assertProblem(api.put(PATH + "/" + id, acme.key(), body("https://93.184.216.35/mine")), 404, "not-found");
		assertProblem(api.delete(PATH + "/" + id, acme.key()), 404, "not-found");
		assertProblem(api.post(PATH + "/" + id + "/rotate-secret", acme.key(), null), 404, "not-found");
		assertProblem(api.post(PATH + "/" + id + "/enable", acme.key(), null), 404, "not-found");
		assertThat(api.get(PATH, acme.key()).json().size()).isZero();
		assertThat(snapshot()).isEqualTo(before);
		// as is one that never existed
		assertProblem(api.get(PATH + "/" + java.util.UUID.randomUUID(), acme.key()), 404, "not-found");
	}

	@Test
	void otherRolesAndAnonymousCallersAreRefused() {
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		assertProblem(api.post(PATH, station.key(), body(PUBLIC_URL)), 403, "forbidden");
		assertProblem(api.get(PATH, station.key()), 403, "forbidden");
		assertProblem(api.get(PATH, null), 401, "unauthenticated");
		assertThat(snapshot()).isEqualTo("0/");
	}

	@Test
	void badInputIsRefusedWithTheFieldsAndStoresNothing() {
		String before = snapshot();

		var notAUrl = api.post(PATH, acme.key(), body("hooks.example.com"));
		assertProblem(notAUrl, 400, "validation");
		assertThat(notAUrl.json().get("errors").findValuesAsString("field")).containsExactly("url");

		var blank = api.post(PATH, acme.key(), "{\"eventTypes\":[\"STOCKED\"]}");
		assertProblem(blank, 400, "validation");
		assertThat(blank.json().get("errors").findValuesAsString("field")).containsExactly("url");

		for (String privateUrl : new String[] { "http://127.0.0.1:8080/actuator/prometheus", "http://10.1.2.3/hook",
				"http://169.254.169.254/latest/meta-data", "http://[::1]/hook" }) {
			var refused = api.post(PATH, acme.key(), body(privateUrl));
			assertProblem(refused, 400, "validation");
			assertThat(refused.json().get("errors").findValuesAsString("field")).containsExactly("url");
			assertThat(refused.json().get("errors").findValuesAsString("message").get(0)).contains("private");
		}

		var unknownKind = api.post(PATH, acme.key(), body(PUBLIC_URL, "STOCKED", "SHIPPED"));
		assertProblem(unknownKind, 400, "validation");
		assertThat(unknownKind.json().get("errors").findValuesAsString("field")).containsExactly("eventTypes[1]");
		assertThat(unknownKind.json().get("errors").findValuesAsString("message").get(0)).contains("SHIPPED",
				"STOCKING_FAILED");

		// every problem at once
		var both = api.post(PATH, acme.key(), body("http://10.1.2.3/hook", "shipped"));
		assertProblem(both, 400, "validation");
		assertThat(both.json().get("errors").findValuesAsString("field")).containsExactly("url", "eventTypes[0]");

		assertProblem(api.post(PATH, acme.key(), "{\"url\": \"" + PUBLIC_URL + "\", "), 400, "malformed-body");
		assertProblem(api.post(PATH, acme.key(), "{\"url\": \"" + PUBLIC_URL + "\", \"eventTypes\": {\"a\": 1}}"),
				400, "malformed-body");

		// a merchant key cannot subscribe another merchant; an operator must say which merchant
		var foreign = api.post(PATH, acme.key(),
				"{\"merchantId\":\"" + globex.id() + "\",\"url\":\"" + PUBLIC_URL + "\"}");
		assertProblem(foreign, 400, "validation");
		assertThat(foreign.json().get("errors").findValuesAsString("field")).containsExactly("merchantId");
		var noMerchant = api.post(PATH, ADMIN_KEY, body(PUBLIC_URL));
		assertProblem(noMerchant, 400, "validation");
		assertThat(noMerchant.json().get("errors").findValuesAsString("field")).containsExactly("merchantId");
		var unknownMerchant = api.post(PATH, ADMIN_KEY,
				"{\"merchantId\":\"" + java.util.UUID.randomUUID() + "\",\"url\":\"" + PUBLIC_URL + "\"}");
		assertProblem(unknownMerchant, 400, "validation");
		assertThat(unknownMerchant.json().get("errors").findValuesAsString("field")).containsExactly("merchantId");

		assertProblem(api.get(PATH + "/not-a-uuid", acme.key()), 400, "validation");
		assertThat(snapshot()).isEqualTo(before).isEqualTo("0/");
	}

	@Test
	void aRefusedUpdateChangesNothing() {
		String id = create(acme, PUBLIC_URL, "STOCKED").get("subscription").get("id").asString();
		String before = snapshot();

		assertProblem(api.put(PATH + "/" + id, acme.key(), body("http://192.168.1.10/hook", "STOCKED")), 400,
				"validation");
		assertProblem(api.put(PATH + "/" + id, acme.key(), body(PUBLIC_URL, "NOPE")), 400, "validation");
		assertProblem(api.put(PATH + "/" + id, acme.key(), body("ftp://93.184.216.34/x")), 400, "validation");
		assertProblem(api.put(PATH + "/" + id, acme.key(), "{\"url\":"), 400, "malformed-body");
		assertThat(snapshot()).isEqualTo(before);
		assertThat(api.get(PATH + "/" + id, acme.key()).text("url")).isEqualTo(PUBLIC_URL);
	}

	@Test
	void openApiDocumentsTheSubscriptionApi() {
		var paths = api.get("/v3/api-docs", null).json().get("paths");
		assertThat(paths.has(PATH)).isTrue();
		assertThat(paths.has(PATH + "/{id}/rotate-secret")).isTrue();
		assertThat(paths.has(PATH + "/{id}/enable")).isTrue();
	}

}
