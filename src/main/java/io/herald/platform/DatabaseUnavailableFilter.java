package io.herald.platform;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Database failures before Spring MVC (the security filters look up API keys and sessions in PostgreSQL) answered 503
 * problem+json like those inside it ({@link DatabaseUnavailable}), instead of the container's 500 error page. Outside
 * Spring Security, so that it sees what the security filters throw.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private final DatabaseUnavailable unavailable;

	private final JsonMapper json = JsonMapper.builder().build();

	DatabaseUnavailableFilter(DatabaseUnavailable unavailable) {
		this.unavailable = unavailable;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException e) {
			if (!DatabaseUnavailable.causedBy(e) || response.isCommitted()) {
				throw e;
			}
			response.resetBuffer();
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(unavailable.retryAfterSeconds()));
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			ProblemDetail problem = unavailable.answer(e);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", String.valueOf(problem.getType()));
			body.put("title", problem.getTitle());
			body.put("status", problem.getStatus());
			body.put("detail", problem.getDetail());
			if (problem.getProperties() != null) {
				body.putAll(problem.getProperties());
			}
			json.writeValue(response.getOutputStream(), body);
		}
	}

}
