package io.herald.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, verifies and revokes API keys. Keys carry 256 random bits, so a single SHA-256 is a sound way to store them
 * (a slow password hash buys nothing against brute force here and would cost milliseconds on every request).
 */
@Service
public class ApiKeys {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Duration CACHE_TTL = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	/** Known keys by their hash (so the cache holds no secrets); unknown keys are not cached. */
	private final Cache<String, Caller> cache = Caffeine.newBuilder()
		.expireAfterWrite(CACHE_TTL)
		.maximumSize(10_000)
		.build();

	ApiKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	public IssuedKey issueAdminKey(String label) {
		return issue(Role.ADMIN, null, null, label);
	}

	@Transactional
	public IssuedKey issueMerchantKey(UUID merchantId, String label) {
		return issue(Role.MERCHANT, merchantId, null, label);
	}

	@Transactional
	public IssuedKey issueStationKey(UUID stationId, String label) {
		return issue(Role.STATION, null, stationId, label);
	}

	/** Revokes every key of a station, for instance before issuing a new one. */
	@Transactional
	public int revokeStationKeys(UUID stationId) {
		cache.invalidateAll();
		return jdbc.sql("update api_key set revoked_at = now() where station_id = ? and revoked_at is null")
			.param(stationId)
			.update();
	}

	@Transactional
	public boolean revoke(UUID keyId) {
		cache.invalidateAll();
		return jdbc.sql("update api_key set revoked_at = now() where id = ? and revoked_at is null")
			.param(keyId)
			.update() == 1;
	}

	/**
	 * Registers a key whose secret was chosen by the operator, unless it exists already. Its prefix is not stored:
	 * unlike issued keys, a chosen secret has no random-free part that would be harmless to show.
	 */
	@Transactional
	public void ensureAdminKey(String secret, String label) {
		jdbc.sql("""
				insert into api_key (id, key_hash, key_prefix, role, label) values (?, ?, '(chosen)', 'ADMIN', ?)
				on conflict (key_hash) do update set revoked_at = null""")
			.params(UUID.randomUUID(), hash(secret), label)
			.update();
	}

	/** Revokes keys with the given label except the one with this secret (null: all of them). */
	@Transactional
	public int revokeLabelledExcept(String label, String keepSecret) {
		cache.invalidateAll();
		return jdbc.sql("""
				update api_key set revoked_at = now()
				where label = ? and revoked_at is null and (cast(? as bytea) is null or key_hash <> ?)""")
			.params(label, keepSecret == null ? null : hash(keepSecret), keepSecret == null ? null : hash(keepSecret))
			.update();
	}

	/** Every key, newest first, without secrets. */
	public List<KeyInfo> all() {
		return jdbc.sql("""
				select id, key_prefix, role, merchant_id, station_id, label, created_at, revoked_at
				from api_key order by created_at desc""")
			.query((rs, n) -> new KeyInfo(rs.getObject("id", UUID.class), rs.getString("key_prefix"),
					Role.valueOf(rs.getString("role")), rs.getObject("merchant_id", UUID.class),
					rs.getObject("station_id", UUID.class), rs.getString("label"),
					rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
			.list();
	}

	/** A key as listed to operators: never the secret. */
	public record KeyInfo(UUID id, String prefix, Role role, UUID merchantId, UUID stationId, String label,
			Instant createdAt, Instant revokedAt) {
	}

	/** The caller a presented key stands for, if it is known and not revoked. */
	public Optional<Caller> authenticate(String presented) {
		byte[] hash = hash(presented);
		String cacheKey = HexFormat.of().formatHex(hash);
		Caller cached = cache.getIfPresent(cacheKey);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<Caller> caller = jdbc
			.sql("select id, role, merchant_id, station_id from api_key where key_hash = ? and revoked_at is null")
			.param(hash)
			.query((rs, n) -> new Caller(rs.getObject("id", UUID.class), Role.valueOf(rs.getString("role")),
					rs.getObject("merchant_id", UUID.class), rs.getObject("station_id", UUID.class)))
			.optional();
		// unknown keys are not cached: random guesses must not fill the cache
		caller.ifPresent(c -> cache.put(cacheKey, c));
		return caller;
	}

	private IssuedKey issue(Role role, UUID merchantId, UUID stationId, String label) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String key = "hk_" + role.name().toLowerCase().charAt(0) + "_"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into api_key (id, key_hash, key_prefix, role, merchant_id, station_id, label)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, hash(key), prefix(key), role.name(), merchantId, stationId, label)
			.update();
		return new IssuedKey(id, key);
	}

	private static String prefix(String key) {
		return key.substring(0, Math.min(8, key.length()));
	}

	static byte[] hash(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}


}
