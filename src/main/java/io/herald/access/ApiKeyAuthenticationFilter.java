package io.herald.access;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Reads {@code Authorization: Bearer <key>} (or {@code X-Api-Key}) and authenticates the request as a {@link Caller}. */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	private final ApiKeys keys;

	ApiKeyAuthenticationFilter(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = presentedKey(request);
		if (presented != null) {
			ApiKeys.Verdict verdict = keys.verify(presented);
			if (verdict instanceof ApiKeys.Verdict.Valid valid) {
				Caller caller = valid.caller();
				var authentication = new UsernamePasswordAuthenticationToken(caller, null,
						List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
				SecurityContextHolder.getContext().setAuthentication(authentication);
			}
			else if (verdict instanceof ApiKeys.Verdict.Expired expired) {
				// a key that was good says so, so that its owner knows to use its successor rather than suspect a typo
				ExpiredKeyProblem.write(response, expired.expiredAt());
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static String presentedKey(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return header.substring(7).trim();
		}
		String apiKey = request.getHeader("X-Api-Key");
		return apiKey == null ? null : apiKey.trim();
	}

}
