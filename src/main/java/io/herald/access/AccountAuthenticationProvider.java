package io.herald.access;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Signs a person in with an account's name and password; the session's principal is the same {@link Caller} an API
 * key stands for, so pages and API apply one set of rules, and the session keeps the password's stamp
 * ({@link WebAccounts.SignIn}) so that a password change ends it.
 *
 * <p>
 * Guessing is throttled where the guesses come from, so that nobody can lock a station out from elsewhere: after
 * {@value #MAX_FAILURES_PER_NAME} wrong passwords for one name from one address, that name is refused from that
 * address for {@link #LOCK}; after {@value #MAX_FAILURES_PER_ADDRESS} wrong passwords from one address (any names),
 * that address is refused. The counters live in each node's memory: with N nodes an attacker gets N times the
 * guesses, still hopeless against a 12-character password.
 */
class AccountAuthenticationProvider implements AuthenticationProvider {

	static final int MAX_FAILURES_PER_NAME = 10;

	static final int MAX_FAILURES_PER_ADDRESS = 100;

	static final Duration LOCK = Duration.ofMinutes(15);

	private final WebAccounts accounts;

	private final Cache<String, AtomicInteger> failures = Caffeine.newBuilder()
		.expireAfterWrite(LOCK)
		.maximumSize(100_000)
		.build();

	AccountAuthenticationProvider(WebAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = String.valueOf(authentication.getName()).trim();
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
		String nameKey = "name:" + username.toLowerCase(Locale.ROOT) + "@" + address;
		String addressKey = "address:" + address;
		if (count(nameKey) >= MAX_FAILURES_PER_NAME || count(addressKey) >= MAX_FAILURES_PER_ADDRESS) {
			throw new LockedException("Too many failed sign-ins; try again in " + LOCK.toMinutes() + " minutes");
		}
		Object credentials = authentication.getCredentials();
		return accounts.authenticate(username, credentials == null ? null : credentials.toString()).map(signIn -> {
			failures.invalidate(nameKey);
			var signedIn = UsernamePasswordAuthenticationToken.authenticated(signIn.caller(), null,
					List.of(new SimpleGrantedAuthority("ROLE_" + signIn.caller().role().name())));
			signedIn.setDetails(signIn);
			return (Authentication) signedIn;
		}).orElseThrow(() -> {
			failures.get(nameKey, k -> new AtomicInteger()).incrementAndGet();
			failures.get(addressKey, k -> new AtomicInteger()).incrementAndGet();
			return new BadCredentialsException("Wrong name or password");
		});
	}

	private int count(String key) {
		AtomicInteger failed = failures.getIfPresent(key);
		return failed == null ? 0 : failed.get();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
