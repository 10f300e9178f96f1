package io.herald.access;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/** The 401 answer to a key past its expiry or the end of its rotation overlap. */
final class ExpiredKeyProblem {

	static final String TYPE = "urn:herald:problem:key-expired";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ExpiredKeyProblem() {
	}

	static void write(HttpServletResponse response, Instant expiredAt) throws IOException {
		response.setStatus(401);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"key expired\"");
		JSON.writeValue(response.getOutputStream(), Map.of("type", TYPE, "title", "API key expired", "status", 401,
				"detail", "This key expired at " + expiredAt + "; use the key that replaced it", "expiredAt",
				expiredAt.toString()));
	}

}
