package io.herald.access;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
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
 * Guessing is throttled where the guesses come from ({@link SignInThrottle}): a name failing from one address waits
 * longer and longer there, and so does an address failing under many names, but nothing is locked, so nobody can
 * keep the owner of an account out from elsewhere.
 */
class AccountAuthenticationProvider implements AuthenticationProvider {

	private final WebAccounts accounts;

	private final SignInThrottle throttle = new SignInThrottle();

	private final Clock clock;

	AccountAuthenticationProvider(WebAccounts accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = String.valueOf(authentication.getName()).trim();
		String source = authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
		Optional<Duration> wait = throttle.wait(username, source, clock.instant());
		if (wait.isPresent()) {
			throw new SignInThrottledException(wait.get());
		}
		Object credentials = authentication.getCredentials();
		return accounts.authenticate(username, credentials == null ? null : credentials.toString()).map(signIn -> {
			throttle.succeeded(username, source);
			var signedIn = UsernamePasswordAuthenticationToken.authenticated(signIn.caller(), null,
					List.of(new SimpleGrantedAuthority("ROLE_" + signIn.caller().role().name())));
			signedIn.setDetails(signIn);
			return (Authentication) signedIn;
		}).orElseThrow(() -> {
			throttle.failed(username, source, clock.instant());
			return new BadCredentialsException("Wrong name or password");
		});
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
