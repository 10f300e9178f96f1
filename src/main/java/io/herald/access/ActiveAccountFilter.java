package io.herald.access;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session whose account was disabled or deleted, or whose password changed, since it signed in: the next
 * request is treated as signed out. The account's state is cached for a few seconds, so a busy station app costs the
 * database one query per account and interval.
 */
class ActiveAccountFilter extends OncePerRequestFilter {

	private final WebAccounts accounts;

	private final Cache<UUID, Optional<Instant>> stamps = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(5))
		.maximumSize(10_000)
		.build();

	ActiveAccountFilter(WebAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Caller caller
				&& !(authentication.getDetails() instanceof WebAccounts.SignIn signIn
						&& stamps.get(caller.keyId(), accounts::credentialsStamp)
							.filter(stamp -> !stamp.isAfter(signIn.credentialsStamp()))
							.isPresent())) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
		}
		chain.doFilter(request, response);
	}

}
