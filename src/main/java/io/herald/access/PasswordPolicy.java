package io.herald.access;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;

/**
 * What NIST SP 800-63B (5.1.1.2) asks of a password people choose, and nothing more (no composition rules): at least
 * {@value #MIN_LENGTH} characters, not one of the passwords attackers try first, not the account's name or a trivial
 * variation of it, not repetitive or sequential.
 *
 * <p>
 * The blocklist and the pattern matching are zxcvbn's (com.nulab-inc:zxcvbn, the Java port of Dropbox's estimator, MIT
 * licence), chosen over a list of our own because it ships the 30,000 most common passwords (from Xato's 10 million
 * passwords corpus) and also finds them inside longer strings, reversed and in l33t, together with repeats
 * ({@code abcabc}), sequences ({@code 13579}), keyboard walks ({@code qwertz}) and dates. A password is refused when
 * zxcvbn estimates fewer than 10^8 guesses for it (score below 3), i.e. when it is made of such parts; the reason named
 * is the part that covers most of it. Passphrases of ordinary words ("correct horse battery staple") pass.
 */
final class PasswordPolicy {

	/** Long passphrases beat composition rules (NIST SP 800-63B). */
	static final int MIN_LENGTH = 12;

	private static final int MIN_SCORE = 3;

	/** Characters a name plus something trivial still leaves over: "operator2024!" is the name and 5 more. */
	private static final int TRIVIAL_REST = 6;

	private static final Zxcvbn ZXCVBN = new Zxcvbn();

	private PasswordPolicy() {
	}

	/** Why this password may not be used by the account {@code username}, or empty when it may. */
	static Optional<String> problem(String password, String username) {
		// bcrypt reads at most 72 bytes (25 Chinese characters already make 75)
		if (password == null || password.isBlank() || password.length() < MIN_LENGTH
				|| password.getBytes(StandardCharsets.UTF_8).length > 72) {
			return Optional.of("at least " + MIN_LENGTH + " characters and at most 72 bytes in UTF-8 (a passphrase is fine)");
		}
		String name = username == null ? "" : letters(username);
		if (name.length() >= 3) {
			String rest = letters(password).replace(name, "")
				.replace(new StringBuilder(name).reverse().toString(), "");
			if (rest.length() < TRIVIAL_REST) {
				return Optional.of("must not be the account's name or a small variation of it");
			}
		}
		Strength strength = ZXCVBN.measure(password, username == null ? List.of() : List.of(username, "herald"));
		if (strength.getScore() >= MIN_SCORE) {
			return Optional.empty();
		}
		return Optional.of("too easy to guess: " + strength.getSequence()
			.stream()
			.max(Comparator.comparingInt(match -> match.token.length()))
			.map(PasswordPolicy::why)
			.orElse("it is made of common patterns"));
	}

	private static String why(Match match) {
		return switch (match.pattern) {
			case Dictionary -> switch (match.dictionaryName) {
				case "user_inputs" -> "it contains the account's name";
				case "passwords" -> "it is, or is built from, one of the most common passwords";
				default -> "it is a common word or name with little added";
			};
			case Repeat -> "it is repetitive (like 'aaaa' or 'abcabc')";
			case Sequence -> "it is sequential or repetitive (like 'abcd', '13579' or 'aaaa')";
			case Spatial -> "it is a keyboard pattern (like 'qwerty')";
			case Date -> "it is a date";
			default -> "it is made of common patterns";
		};
	}

	/** Lower case letters and digits only: "Op.Erator" and "operator" are the same name for this check. */
	private static String letters(String text) {
		StringBuilder kept = new StringBuilder();
		text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
		return kept.toString();
	}

}
