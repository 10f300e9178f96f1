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

/**
 * Signs a person in with an account's name and password; the session's principal is the same {@link Caller} an API
 * key stands for, so pages and API apply one set of rules. After {@value #MAX_FAILURES} wrong passwords for one
 * name, that name is refused for {@link #LOCK} (guessing a 12-character password online is then hopeless, and a
 * locked-out station waits minutes, not forever).
 */
class AccountAuthenticationProvider implements AuthenticationProvider {

	static final int MAX_FAILURES = 10;

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
		String key = username.toLowerCase(Locale.ROOT);
		AtomicInteger failed = failures.getIfPresent(key);
		if (failed != null && failed.get() >= MAX_FAILURES) {
			throw new LockedException("Too many failed sign-ins; try again in " + LOCK.toMinutes() + " minutes");
		}
		Object credentials = authentication.getCredentials();
		return accounts.authenticate(username, credentials == null ? null : credentials.toString()).map(caller -> {
			failures.invalidate(key);
			return (Authentication) UsernamePasswordAuthenticationToken.authenticated(caller, null,
					List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
		}).orElseThrow(() -> {
			failures.get(key, k -> new AtomicInteger()).incrementAndGet();
			return new BadCredentialsException("Wrong name or password");
		});
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
