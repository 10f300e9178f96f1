package io.herald.order;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
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

	private final JdbcTemplate template;

	TrackingTokens(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** The tokens of these orders, creating the missing ones (in the caller's transaction). */
	@Transactional
	public Map<UUID, String> tokensFor(Collection<UUID> orderIds) {
		Map<UUID, String> tokens = new HashMap<>();
		if (orderIds.isEmpty()) {
			return tokens;
		}
		List<UUID> ids = List.copyOf(orderIds);
		template.batchUpdate("insert into order_tracking (order_id, token) values (?, ?) on conflict (order_id) do nothing",
				ids.stream().map(id -> new Object[] { id, newToken() }).toList());
		jdbc.sql("select order_id, token from order_tracking where order_id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query((java.sql.ResultSet rs) -> {
				tokens.put(rs.getObject(1, UUID.class), rs.getString(2));
			});
		return tokens;
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
