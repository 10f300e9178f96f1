package io.herald.access.ratelimit;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.herald.access.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the rate limits: in the API chain after the key was read (per API key), in the customer pages' chain per
 * tracking token ({@code /track/{token}/...}). Every answer under a limit carries {@code RateLimit-Policy} and
 * {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers-10); a refusal is 429 problem+json with {@code Retry-After},
 * before anything of the request is read or done. Memory only: no database on the way.
 */
public class RateLimitFilter extends OncePerRequestFilter {

	static final String TYPE = "urn:herald:problem:rate-limited";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RateLimits limits;

	private final boolean byTrackingToken;

	private final MeterRegistry meters;

	private RateLimitFilter(RateLimits limits, boolean byTrackingToken, MeterRegistry meters) {
		this.limits = limits;
		this.byTrackingToken = byTrackingToken;
		this.meters = meters;
	}

	/** For the API chain: per API key, after authentication. */
	public static RateLimitFilter perKey(RateLimits limits, MeterRegistry meters) {
		return new RateLimitFilter(limits, false, meters);
	}

	/** For the customer pages: per tracking token. */
	public static RateLimitFilter perTrackingToken(RateLimits limits, MeterRegistry meters) {
		return new RateLimitFilter(limits, true, meters);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return byTrackingToken ? !limits.tracking() : !limits.keys();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<RateLimits.Limited> limited = byTrackingToken ? trackingToken(request).flatMap(limits::forTrackingToken)
				: caller().flatMap(limits::forKey);
		if (limited.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		RateLimits.Limited l = limited.get();
		TokenBuckets.Decision decision = l.decision();
		response.setHeader("RateLimit-Policy", decision.policy());
		response.setHeader("RateLimit", decision.rateLimit(l.policyName()));
		if (decision.allowed()) {
			chain.doFilter(request, response);
			return;
		}
		meters.counter("herald.rate-limits.refused", "caller", l.policyName()).increment();
		response.setStatus(429);
		response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), Map.of("type", TYPE, "title", "Too many requests", "status", 429,
				"detail", "This " + (byTrackingToken ? "tracking link" : "key") + " is over its rate limit; try again in "
						+ decision.retryAfterSeconds() + " s"));
	}

	private static Optional<Caller> caller() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof Caller caller ? Optional.of(caller)
				: Optional.empty();
	}

	/** The token of {@code /track/{token}} and everything under it; other customer pages are not limited. */
	private static Optional<String> trackingToken(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/track/")) {
			return Optional.empty();
		}
		int end = path.indexOf('/', 7);
		String token = end < 0 ? path.substring(7) : path.substring(7, end);
		return token.isEmpty() || token.length() > 100 ? Optional.empty() : Optional.of(token);
	}

}
