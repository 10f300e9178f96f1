package io.herald.notification.preference;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
/**
 * Signed unsubscribe links: they work without logging in, for exactly one customer of one merchant and one opt-out
 * ({@code KIND:CHANNEL} for "messages like this one", {@code *:EMAIL} for "no more emails"), and cannot be forged or
 * altered (HMAC-SHA256). They do not expire: an unsubscribe link in an old email must still work. The key is
 * configured, or generated once and kept in the database so that links survive restarts and every instance accepts
 * them.
 */
@Component
public class UnsubscribeLinks {

	private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

	/** What a valid token allows. */
	record Scope(UUID merchantId, String customer, String optOut) {
	}

	private final byte[] key;

	private final String publicUrl;

	UnsubscribeLinks(NotificationSettings settings, JdbcClient jdbc) {
		String secret = settings.unsubscribeSecret();
		if (secret == null || secret.isBlank()) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			jdbc.sql("insert into app_secret (name, value) values ('unsubscribe', ?) on conflict (name) do nothing")
				.param(HexFormat.of().formatHex(random))
				.update();
			secret = jdbc.sql("select value from app_secret where name = 'unsubscribe'").query(String.class).single();
		}
		this.key = secret.getBytes(StandardCharsets.UTF_8);
		this.publicUrl = settings.publicUrl().replaceAll("/+$", "");
	}

	public String url(UUID merchantId, String customer, NotificationKind kind, ChannelType channel) {
		return publicUrl + "/unsubscribe?token=" + token(merchantId, customer, (kind == null ? "*" : kind.name())
				+ ":" + channel.name());
	}

	String token(UUID merchantId, String customer, String optOut) {
		String payload = merchantId + "|" + optOut + "|" + customer;
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(sign(bytes));
	}

	/** The scope of a genuine token; empty for anything else. */
	Optional<Scope> verify(String token) {
		if (token == null) {
			return Optional.empty();
		}
		int dot = token.indexOf('.');
		if (dot < 1) {
			return Optional.empty();
		}
		try {
			byte[] payload = DECODE.decode(token.substring(0, dot));
			byte[] signature = DECODE.decode(token.substring(dot + 1));
			if (!MessageDigest.isEqual(sign(payload), signature)) {
				return Optional.empty();
			}
			String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", 3);
			return Optional.of(new Scope(UUID.fromString(parts[0]), parts[2], parts[1]));
		}
		catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
			return Optional.empty();
		}
	}

	private byte[] sign(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

}
