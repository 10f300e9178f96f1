package io.herald.access;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.herald.support.IntegrationTestBase;
import io.herald.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.JsonNode;

import static io.herald.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys over their life: rotation with an overlap after which the old key is refused as expired, an expiry given at
 * issue, the last use kept in memory and written later (never on the request), and the station's own key rotation,
 * which revokes at once.
 */
@Import(MutableClock.Registration.class)
class ApiKeyLifecycleIntegrationTests extends IntegrationTestBase {

	@Autowired
	MutableClock clock;

	@Autowired
	KeyUsage usage;

	@Test
	void aRotatedKeyKeepsWorkingForTheOverlapThenIsRefusedAsExpiredWhileItsSuccessorWorks() {
		var merchant = fixtures.merchant("Acme", receiver().url("/rotation"));
		String oldId = keyIdOf(merchant.key());

		var rotated = api.post("/api/v1/keys/" + oldId + "/rotation", ADMIN_KEY, null);
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
		String newKey = rotated.text("key");
		assertThat(rotated.text("previousKeyId")).isEqualTo(oldId);
		Instant validUntil = Instant.parse(rotated.text("previousValidUntil"));
		// the default overlap: a day
		assertThat(validUntil).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

		// during the overlap, both keys act for the same merchant
		assertThat(api.get("/api/v1/merchants/" + merchant.id(), merchant.key()).status()).isEqualTo(200);
		assertThat(api.get("/api/v1/merchants/" + merchant.id(), newKey).status()).isEqualTo(200);
		JsonNode listed = listed(oldId);
		assertThat(listed.path("replacedBy").asString()).isEqualTo(rotated.text("id"));
		assertThat(Instant.parse(listed.path("expiresAt").asString())).isEqualTo(validUntil);

		clock.advance(Duration.ofHours(25));
		var refused = api.get("/api/v1/merchants/" + merchant.id(), merchant.key());
		assertProblem(refused, 401, "key-expired");
		assertThat(refused.body()).doesNotContain(merchant.key());
		assertThat(api.get("/api/v1/merchants/" + merchant.id(), newKey).status()).isEqualTo(200);

		// an expired key cannot be rotated (again)
		assertProblem(api.post("/api/v1/keys/" + oldId + "/rotation", ADMIN_KEY, null), 404);
	}

	@Test
	void onlyOperatorsRotateAndAnUnknownKeyIsNotFound() {
		var merchant = fixtures.merchant("Acme", receiver().url("/rotation"));
		String id = keyIdOf(merchant.key());
		assertProblem(api.post("/api/v1/keys/" + id + "/rotation", merchant.key(), null), 403);
		assertProblem(api.post("/api/v1/keys/" + UUID.randomUUID() + "/rotation", ADMIN_KEY, null), 404);
		assertProblem(api.post("/api/v1/keys/" + id + "/rotation", ADMIN_KEY, "{\"expiresAt\":\"2001-01-01T00:00:00Z\"}"),
				400);
		// nothing was issued by the refused ones
		assertThat(count("select count(*) from api_key where merchant_id = ?::uuid", merchant.id())).isEqualTo(1);
	}

	@Test
	void aKeyIssuedWithAnExpiryIsRefusedAfterItWithAClearProblem() {
		var merchant = fixtures.merchant("Acme", receiver().url("/expiry"));
		String expiresAt = Instant.now().plus(Duration.ofHours(1)).toString();
		var issued = api.post("/api/v1/merchants/" + merchant.id() + "/keys", ADMIN_KEY,
				"{\"expiresAt\":\"" + expiresAt + "\"}");
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		String key = issued.text("key");
		assertThat(api.get("/api/v1/merchants/" + merchant.id(), key).status()).isEqualTo(200);

		clock.advance(Duration.ofHours(2));
		var refused = api.get("/api/v1/merchants/" + merchant.id(), key);
		assertProblem(refused, 401, "key-expired");
		assertThat(refused.text("detail")).contains("expired");
		// a key never issued is not told apart from a revoked one, and is not called expired
		assertProblem(api.get("/api/v1/merchants/" + merchant.id(), "hk_m_not-a-key"), 401, "unauthenticated");
		// the merchant's first key has no expiry
		assertThat(api.get("/api/v1/merchants/" + merchant.id(), merchant.key()).status()).isEqualTo(200);

		assertProblem(api.post("/api/v1/merchants/" + merchant.id() + "/keys", ADMIN_KEY,
				"{\"expiresAt\":\"" + Instant.now().minusSeconds(60) + "\"}"), 400);
	}

	@Test
	void eachUseIsRecordedInMemoryAndWrittenByTheFlushNotByTheRequest() {
		var merchant = fixtures.merchant("Acme", receiver().url("/usage"));
		String id = keyIdOf(merchant.key());
		usage.flush();
		JsonNode never = listed(id).path("lastUsedAt");
		assertThat(never.isNull() || never.isMissingNode()).as("never used: " + never).isTrue();

		for (int i = 0; i < 5; i++) {
			assertThat(api.get("/api/v1/merchants/" + merchant.id(), merchant.key()).status()).isEqualTo(200);
		}
		// no write on the requests
		assertThat(count("select count(*) from api_key where id = ?::uuid and last_used_at is not null", id)).isZero();
		// yet operators see it at once on this node
		Instant seen = Instant.parse(listed(id).path("lastUsedAt").asString());
		assertThat(seen).isAfter(Instant.now().minusSeconds(60));

		usage.flush();
		assertThat(count("select count(*) from api_key where id = ?::uuid and last_used_at is not null", id)).isOne();
		// the same time, as PostgreSQL keeps it (to the microsecond)
		assertThat(Instant.parse(listed(id).path("lastUsedAt").asString()))
			.isBetween(seen.minusNanos(1000), seen.plusNanos(1000));
	}

	@Test
	void theStationKeyRotationStillRevokesTheOldKeyAtOnce() {
		var station = fixtures.station("La Vella", 42.5063, 1.5218, io.herald.support.Fixtures.ANDORRA_LA_VELLA);
		var issued = api.post("/api/v1/stations/" + station.id() + "/keys", ADMIN_KEY, null);
		assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
		assertProblem(api.get("/api/v1/stations/" + station.id(), station.key()), 401, "unauthenticated");
		assertThat(api.get("/api/v1/stations/" + station.id(), issued.text("key")).status()).isEqualTo(200);
	}

	private String keyIdOf(String key) {
		return jdbc.sql("select id::text from api_key where key_hash = ?").param(ApiKeys.hash(key)).query(String.class).single();
	}

	private JsonNode listed(String id) {
		var keys = api.get("/api/v1/keys", ADMIN_KEY);
		assertThat(keys.status()).isEqualTo(200);
		for (JsonNode key : keys.json()) {
			if (key.path("id").asString().equals(id)) {
				return key;
			}
		}
		throw new AssertionError("key " + id + " not listed: " + keys);
	}

}
