package io.herald.platform;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Checks every request parameter (query string, form fields) once, before any controller sees it: a parameter that
 * is not validly percent-encoded (Tomcat throws when it is first read) or that holds a NUL character (which
 * PostgreSQL refuses in text, so a search or a filter with one failed with 500) is refused with 400 problem+json
 * naming the parameter. A browser on a page outside {@code /api/} gets the HTML error page. Runs after Spring
 * Security, so a caller without a valid key learns nothing about validation.
 */
class RequestParameterFilter extends OncePerRequestFilter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refused;
		String reason;
		try {
			refused = withNul(request.getParameterMap());
			reason = Storable.NUL;
		}
		catch (IllegalStateException malformed) {
			// Tomcat's InvalidParameterException: a broken %-escape or a character set it cannot decode
			refused = "query";
			reason = "is not validly percent-encoded UTF-8";
		}
		if (refused == null) {
			chain.doFilter(request, response);
			return;
		}
		if (Problems.wantsPage(request)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		Map<String, Object> problem = Problems.asMap(400, "validation", "Invalid request",
				"Parameter '" + refused + "' " + reason);
		problem.put("errors", List.of(new InvalidRequestException.FieldProblem(refused, reason)));
		response.setStatus(400);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		JSON.writeValue(response.getOutputStream(), problem);
	}

	/** The first parameter whose name or a value holds a NUL, named printably; {@code null} when none. */
	private static String withNul(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			boolean refused = !Storable.text(parameter.getKey());
			for (String value : parameter.getValue()) {
				refused |= !Storable.text(value);
			}
			if (refused) {
				return parameter.getKey().replace("\0", "\\u0000");
			}
		}
		return null;
	}

}
