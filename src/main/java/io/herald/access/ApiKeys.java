package io.herald.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.platform.AuditTrail;
import io.herald.platform.InvalidRequestException;
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

	private final Clock clock;

	private final KeySettings settings;

	private final KeyUsage usage;

	private final AuditTrail audit;

	/**
	 * Known keys by their hash (so the cache holds no secrets), with their expiry, which is checked on every use;
	 * unknown keys are not cached.
	 */
	private final Cache<String, Known> cache = Caffeine.newBuilder()
		.expireAfterWrite(CACHE_TTL)
		.maximumSize(10_000)
		.build();

	ApiKeys(JdbcClient jdbc, Clock clock, KeySettings settings, KeyUsage usage, AuditTrail audit) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
		this.usage = usage;
		this.audit = audit;
	}

	/** A known key, cached: whom it stands for and until when (null: no expiry). */
	private record Known(Caller caller, Instant expiresAt) {
	}

	/** What a presented key is: a caller, an expired key, or nothing known. */
	public sealed interface Verdict {

		/** A valid key. */
		record Valid(Caller caller) implements Verdict {
		}

		/** A key that was valid until {@code expiredAt} (its expiry, or the end of its rotation overlap). */
		record Expired(UUID keyId, Instant expiredAt) implements Verdict {
		}

		/** Unknown or revoked: nothing is told about which. */
		record Unknown() implements Verdict {
		}

	}

	@Transactional
	public IssuedKey issueAdminKey(String label) {
		return issue(Role.ADMIN, null, null, label, null);
	}

	@Transactional
	public IssuedKey issueMerchantKey(UUID merchantId, String label) {
		return issue(Role.MERCHANT, merchantId, null, label, null);
	}

	/** A merchant key that is refused after {@code expiresAt} (null: never). */
	@Transactional
	public IssuedKey issueMerchantKey(UUID merchantId, String label, Instant expiresAt) {
		return issue(Role.MERCHANT, merchantId, null, label, expiresAt);
	}

	@Transactional
	public IssuedKey issueStationKey(UUID stationId, String label) {
		return issue(Role.STATION, null, stationId, label, null);
	}

	/** A station key that is refused after {@code expiresAt} (null: never). */
	@Transactional
	public IssuedKey issueStationKey(UUID stationId, String label, Instant expiresAt) {
		return issue(Role.STATION, null, stationId, label, expiresAt);
	}

	/** Revokes every key of a station, for instance before issuing a new one. */
	@Transactional
	public int revokeStationKeys(UUID stationId) {
		cache.invalidateAll();
		List<UUID> revoked = jdbc
			.sql("update api_key set revoked_at = now() where station_id = ? and revoked_at is null returning id")
			.param(stationId)
			.query(UUID.class)
			.list();
		revoked.forEach(id -> audit.record("key.revoked", "api_key", id, Map.of("stationId", stationId)));
		return revoked.size();
	}

	@Transactional
	public boolean revoke(UUID keyId) {
		cache.invalidateAll();
		boolean revoked = jdbc.sql("update api_key set revoked_at = now() where id = ? and revoked_at is null")
			.param(keyId)
			.update() == 1;
		if (revoked) {
			audit.record("key.revoked", "api_key", keyId);
		}
		return revoked;
	}

	/**
	 * Issues a successor of a key (same role, merchant or station, label) and lets the old one expire at the end of
	 * the overlap ({@code herald.security.key-rotation-overlap}) unless it expires earlier anyway. Empty when the key
	 * is unknown, revoked or already expired; a key already rotated can be rotated again (its overlap only shrinks).
	 */
	@Transactional
	public Optional<Rotation> rotate(UUID keyId, Instant newExpiresAt) {
		checkExpiry(newExpiresAt);
		Instant now = clock.instant();
		Optional<KeyInfo> old = jdbc.sql(SELECT_INFO + " where id = ? and revoked_at is null for update")
			.param(keyId)
			.query(ApiKeys::info)
			.optional()
			.filter(key -> key.expiresAt() == null || key.expiresAt().isAfter(now));
		if (old.isEmpty()) {
			return Optional.empty();
		}
		KeyInfo key = old.get();
		IssuedKey successor = insert(key.role(), key.merchantId(), key.stationId(), key.label(), newExpiresAt);
		// to the microsecond, as PostgreSQL keeps it: the answer says what is stored
		Instant overlapEnd = now.plus(settings.keyRotationOverlap()).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		Instant oldValidUntil = key.expiresAt() != null && key.expiresAt().isBefore(overlapEnd) ? key.expiresAt()
				: overlapEnd;
		jdbc.sql("update api_key set expires_at = ?, replaced_by = ? where id = ?")
			.params(Timestamp.from(oldValidUntil), successor.id(), keyId)
			.update();
		cache.invalidateAll();
		audit.record("key.rotated", "api_key", keyId, details(Map.of("newKeyId", successor.id(), "role", key.role(),
				"oldValidUntil", oldValidUntil.toString()), "newExpiresAt", newExpiresAt));
		return Optional.of(new Rotation(successor, keyId, oldValidUntil));
	}

	/**
	 * A rotation's result.
	 * @param key the new key, shown once
	 * @param previousKeyId the rotated key
	 * @param previousValidUntil when the rotated key stops being accepted
	 */
	public record Rotation(IssuedKey key, UUID previousKeyId, Instant previousValidUntil) {
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

	private static final String SELECT_INFO = """
			select id, key_prefix, role, merchant_id, station_id, label, created_at, revoked_at, expires_at,
			       replaced_by, last_used_at
			from api_key""";

	/**
	 * Every key, newest first, without secrets. The last use is what the database has, or this node's newer use not
	 * yet written (other nodes' uses arrive within {@code herald.security.last-used-flush}).
	 */
	public List<KeyInfo> all() {
		return jdbc.sql(SELECT_INFO + " order by created_at desc").query(ApiKeys::info).list().stream().map(key -> {
			Instant pending = usage.unwritten(key.id());
			return pending != null && (key.lastUsedAt() == null || pending.isAfter(key.lastUsedAt()))
					? key.withLastUsedAt(pending) : key;
		}).toList();
	}

	private static KeyInfo info(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new KeyInfo(rs.getObject("id", UUID.class), rs.getString("key_prefix"),
				Role.valueOf(rs.getString("role")), rs.getObject("merchant_id", UUID.class),
				rs.getObject("station_id", UUID.class), rs.getString("label"), instant(rs, "created_at"),
				instant(rs, "revoked_at"), instant(rs, "expires_at"), rs.getObject("replaced_by", UUID.class),
				instant(rs, "last_used_at"));
	}

	private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	/**
	 * A key as listed to operators: never the secret.
	 * @param expiresAt when it stops being accepted (its expiry, or the end of a rotation's overlap); null: never
	 * @param replacedBy the key that a rotation issued in its place
	 * @param lastUsedAt its last use, to within a minute
	 */
	public record KeyInfo(UUID id, String prefix, Role role, UUID merchantId, UUID stationId, String label,
			Instant createdAt, Instant revokedAt, Instant expiresAt, UUID replacedBy, Instant lastUsedAt) {

		KeyInfo withLastUsedAt(Instant at) {
			return new KeyInfo(id, prefix, role, merchantId, stationId, label, createdAt, revokedAt, expiresAt,
					replacedBy, at);
		}

	}

	/** The caller a presented key stands for, if it is known, not revoked and not expired. */
	public Optional<Caller> authenticate(String presented) {
		return verify(presented) instanceof Verdict.Valid valid ? Optional.of(valid.caller()) : Optional.empty();
	}

	/**
	 * What a presented key is. A valid key's use is noted in memory (written later, {@link KeyUsage}); nothing here
	 * writes to the database, and a key seen in the last 10 s is not even read from it.
	 */
	public Verdict verify(String presented) {
		byte[] hash = hash(presented);
		String cacheKey = HexFormat.of().formatHex(hash);
		Known known = cache.getIfPresent(cacheKey);
		if (known == null) {
			known = jdbc.sql("""
					select id, role, merchant_id, station_id, expires_at from api_key
					where key_hash = ? and revoked_at is null""")
				.param(hash)
				.query((rs, n) -> new Known(new Caller(rs.getObject("id", UUID.class), Role.valueOf(rs.getString("role")),
						rs.getObject("merchant_id", UUID.class), rs.getObject("station_id", UUID.class)),
						instant(rs, "expires_at")))
				.optional()
				.orElse(null);
			if (known == null) {
				// unknown keys are not cached: random guesses must not fill the cache
				return new Verdict.Unknown();
			}
			cache.put(cacheKey, known);
		}
		Instant now = clock.instant();
		if (known.expiresAt() != null && !now.isBefore(known.expiresAt())) {
			return new Verdict.Expired(known.caller().keyId(), known.expiresAt());
		}
		usage.used(known.caller().keyId(), now);
		return new Verdict.Valid(known.caller());
	}

	private IssuedKey issue(Role role, UUID merchantId, UUID stationId, String label, Instant expiresAt) {
		checkExpiry(expiresAt);
		IssuedKey key = insert(role, merchantId, stationId, label, expiresAt);
		audit.record("key.issued", "api_key", key.id(), details(Map.of("role", role.name(), "label",
				label == null ? "" : label), "merchantId", merchantId, "stationId", stationId, "expiresAt", expiresAt));
		return key;
	}

	/** An expiry must lie ahead, and within what PostgreSQL stores; refused with 400 otherwise. */
	private void checkExpiry(Instant expiresAt) {
		if (expiresAt != null && (!expiresAt.isAfter(clock.instant())
				|| expiresAt.isAfter(Instant.parse("9999-12-31T23:59:59Z")))) {
			throw new InvalidRequestException("expiresAt", "must be in the future (and before the year 10000)");
		}
	}

	/** The given details plus the optional ones (name, value pairs) that are not null. */
	private static Map<String, Object> details(Map<String, ?> given, Object... optional) {
		Map<String, Object> all = new java.util.LinkedHashMap<>(given);
		for (int i = 0; i < optional.length; i += 2) {
			if (optional[i + 1] != null) {
				all.put((String) optional[i], optional[i + 1].toString());
			}
		}
		return all;
	}

	private IssuedKey insert(Role role, UUID merchantId, UUID stationId, String label, Instant expiresAt) {
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String key = "hk_" + role.name().toLowerCase().charAt(0) + "_"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into api_key (id, key_hash, key_prefix, role, merchant_id, station_id, label, expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, hash(key), prefix(key), role.name(), merchantId, stationId, label,
					expiresAt == null ? null : Timestamp.from(expiresAt))
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
