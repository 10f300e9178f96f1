package io.herald.merchant;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.platform.AuditTrail;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.platform.AfterCommit;
import io.herald.platform.ConflictException;
import io.herald.platform.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores merchants and their webhook settings. Lookups by id are cached briefly: every notification reads its
 * merchant, and a change made on this node applies at once (on other nodes within {@link #CACHE_TTL}).
 */
@Service
public class Merchants {

	private static final SecureRandom RANDOM = new SecureRandom();

	static final Duration CACHE_TTL = Duration.ofSeconds(10);

	private final JdbcClient jdbc;

	private final Cache<UUID, Merchant> cache = Caffeine.newBuilder()
		.expireAfterWrite(CACHE_TTL)
		.maximumSize(10_000)
		.build();

	private final AuditTrail audit;

	Merchants(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Transactional
	public Merchant create(String name, String webhookUrl) {
		var merchant = new Merchant(UUID.randomUUID(), name, webhookUrl, newWebhookSecret());
		try {
			jdbc.sql("insert into merchant (id, name, webhook_url, webhook_secret) values (?, ?, ?, ?)")
				.params(merchant.id(), merchant.name(), merchant.webhookUrl(), merchant.webhookSecret())
				.update();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("duplicate-merchant", "A merchant named '" + name + "' exists already");
		}
		audit.record("merchant.created", "merchant", merchant.id(), Map.of("name", name));
		return merchant;
	}

	public Optional<Merchant> find(UUID id) {
		Merchant cached = cache.getIfPresent(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<Merchant> merchant = load(id);
		merchant.ifPresent(m -> cache.put(id, m));
		return merchant;
	}

	private Optional<Merchant> load(UUID id) {
		return jdbc.sql("select id, name, webhook_url, webhook_secret from merchant where id = ?")
			.param(id)
			.query(Merchant.class)
			.optional();
	}

	public Merchant get(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException("Merchant", id));
	}

	public List<Merchant> all() {
		return jdbc.sql("select id, name, webhook_url, webhook_secret from merchant order by name").query(Merchant.class).list();
	}

	@Transactional
	public Merchant updateWebhook(UUID id, String webhookUrl, boolean rotateSecret) {
		Merchant current = get(id);
		String secret = rotateSecret ? newWebhookSecret() : current.webhookSecret();
		jdbc.sql("update merchant set webhook_url = ?, webhook_secret = ?, updated_at = now() where id = ?")
			.params(webhookUrl, secret, id)
			.update();
		// now and again after commit, so that no reader caches the old settings in between
		AfterCommit.nowAndAgain(() -> cache.invalidate(id));
		// the URL, not the secret
		audit.record("merchant.webhook_changed", "merchant", id, Map.of("url", String.valueOf(webhookUrl),
				"secretRotated", rotateSecret));
		return new Merchant(id, current.name(), webhookUrl, secret);
	}


	/** A new random webhook signing secret ({@code whsec_} and 32 random bytes, Base64). */
	public static String newWebhookSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "whsec_" + Base64.getEncoder().encodeToString(bytes);
	}

}
