package io.herald.platform;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 problems as Herald writes them: type {@code urn:herald:problem:<name>}, title, status and detail. */
public final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	/** A problem of this status; {@code type} is the short name, e.g. {@code not-found}. */
	public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(type));
		problem.setTitle(title);
		return problem;
	}

	static URI type(String name) {
		return URI.create("urn:herald:problem:" + name);
	}

	/**
	 * The stable type of an error that has no more specific one (Spring MVC's and the container's own refusals,
	 * which would otherwise be {@code about:blank}): named after its status, so a client can rely on it.
	 */
	static String typeOf(int status) {
		return switch (status) {
			case 400 -> "bad-request";
			case 401 -> "unauthenticated";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 408 -> "request-timeout";
			case 413 -> "payload-too-large";
			case 414 -> "uri-too-long";
			case 415 -> "unsupported-media-type";
			case 431 -> "headers-too-large";
			case 500 -> "internal";
			case 501 -> "not-implemented";
			case 503 -> "unavailable";
			default -> "http-" + status;
		};
	}

	/** A title for a status: its reason phrase. */
	static String titleOf(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return known == null ? "Error " + status : known.getReasonPhrase();
	}

	/** The problem as the JSON members Herald writes, for answers written before or outside Spring MVC. */
	static Map<String, Object> asMap(int status, String type, String title, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type(type).toString());
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		return problem;
	}

	static String json(int status, String type, String title, String detail) {
		return JSON.writeValueAsString(asMap(status, type, title, detail));
	}

	/** Writes the problem as the whole answer, whatever the client asked for in Accept. */
	static void write(HttpServletResponse response, int status, String type, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		JSON.writeValue(response.getOutputStream(), asMap(status, type, title, detail));
	}

	/**
	 * Whether an error is answered with a page rather than problem+json: only a browser (Accept names text/html) on a
	 * path outside {@code /api/}. Everything under {@code /api/}, and every client that did not ask for HTML (API
	 * clients, the actuator's, an event stream's), gets problem+json.
	 */
	static boolean wantsPage(String path, String accept) {
		return path != null && !path.startsWith("/api/") && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
	}

	static boolean wantsPage(HttpServletRequest request) {
		return wantsPage(request.getRequestURI(), request.getHeader(HttpHeaders.ACCEPT));
	}

}
