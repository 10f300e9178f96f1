package io.herald.order;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each order's tracking token: 192 random bits from a {@link SecureRandom}, base64url, created the first time a
 * message or page needs it and the same ever after, so every message about an order carries the same link.
 */
@Service
public class TrackingTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	TrackingTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The tokens of these orders, creating the missing ones (in the caller's transaction). Read first: after an
	 * order's first message every later one finds its token, and writes nothing.
	 */
	@Transactional
	public Map<UUID, String> tokensFor(Collection<UUID> orderIds) {
		Map<UUID, String> tokens = new HashMap<>();
		if (orderIds.isEmpty()) {
			return tokens;
		}
		read(List.copyOf(orderIds), tokens);
		List<UUID> missing = orderIds.stream().filter(id -> !tokens.containsKey(id)).distinct().toList();
		if (!missing.isEmpty()) {
			// a concurrent transaction may create the same order's token first: its token wins, read again
			jdbc.sql("""
					insert into order_tracking (order_id, token) select * from unnest(?::uuid[], ?::text[])
					on conflict (order_id) do nothing""")
				.params(missing.toArray(UUID[]::new), missing.stream().map(id -> newToken()).toArray(String[]::new))
				.update();
			read(missing, tokens);
		}
		return tokens;
	}

	private void read(List<UUID> ids, Map<UUID, String> into) {
		jdbc.sql("select order_id, token from order_tracking where order_id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query((java.sql.ResultSet rs) -> {
				into.put(rs.getObject(1, UUID.class), rs.getString(2));
			});
	}

	/** The order a token opens, if any. Whether the link has expired is for the page to decide. */
	public Optional<UUID> orderFor(String token) {
		if (token == null || token.length() != 32) {
			return Optional.empty();
		}
		return jdbc.sql("select order_id from order_tracking where token = ?").param(token).query(UUID.class).optional();
	}

	private static String newToken() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
