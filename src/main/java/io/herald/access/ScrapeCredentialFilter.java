package io.herald.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a metrics scraper in with {@code Authorization: Bearer <token>}: the configured scrape token
 * ({@code herald.security.metrics-token}, compared in constant time), or an operator's API key. Metrics name
 * merchants' volumes, queue depths and error rates: not for anyone who finds the port.
 */
class ScrapeCredentialFilter extends OncePerRequestFilter {

	private final byte[] token;

	private final ApiKeys keys;

	ScrapeCredentialFilter(String token, ApiKeys keys) {
		this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String presented = header.substring(7).trim();
			boolean scraper = token != null
					&& MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
			if (scraper || keys.authenticate(presented).filter(caller -> caller.role() == Role.ADMIN).isPresent()) {
				SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken
					.authenticated("metrics", null, List.of(new SimpleGrantedAuthority("ROLE_METRICS"))));
			}
		}
		chain.doFilter(request, response);
	}

}
