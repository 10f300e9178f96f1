package io.herald.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses API request bodies above {@code herald.api.max-request-bytes} with 413 problem+json before anything is
 * parsed. Bodies without a Content-Length (chunked) are not buffered here; Tomcat's own limits and the batch length
 * checks bound those.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final ApiSettings settings;

	private final JsonMapper json = JsonMapper.builder().build();

	RequestSizeLimitFilter(ApiSettings settings) {
		this.settings = settings;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		long limit = settings.maxRequestBytes().toBytes();
		if (length > limit) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			json.writeValue(response.getOutputStream(),
					ProblemDetailsAdvice.asMap(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request too large",
							"The request body has " + length + " bytes; the limit is " + limit));
			return;
		}
		chain.doFilter(request, response);
	}

}
