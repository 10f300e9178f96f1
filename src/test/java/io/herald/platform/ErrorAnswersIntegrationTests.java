package io.herald.platform;

import java.util.UUID;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error answer under {@code /api/} is problem+json with a stable type, also those written before a controller
 * runs: by Tomcat (malformed request line, URL encoding, headers), by Spring Security's request firewall, by Spring
 * MVC, by the actuator, on event streams. A browser asking for a page outside {@code /api/} keeps the HTML page.
 * Requests an HTTP client refuses to send go over a raw socket ({@link RawHttp}).
 */
class ErrorAnswersIntegrationTests extends IntegrationTestBase {

	private static final String KEY = "Authorization: Bearer " + ADMIN_KEY + "\r\n";

	private RawHttp.Answer get(String target, String headers) {
		return RawHttp.get(port, target, headers);
	}

	private static void assertProblem(RawHttp.Answer answer, int status, String type) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
		var json = io.herald.support.Api.JSON.readTree(answer.body());
		assertThat(json.path("type").asString()).as(answer.toString()).isEqualTo("urn:herald:problem:" + type);
		assertThat(json.path("status").asInt()).isEqualTo(status);
		assertThat(json.path("title").asString()).isNotBlank();
		assertThat(json.path("detail").asString()).isNotBlank();
		// nothing of the container: no version, no stack trace
		assertThat(answer.body()).doesNotContain("Tomcat", "Exception", "at org.");
	}

	@Test
	void whatTheRequestFirewallRejectsIsAProblem() {
		for (String target : new String[] { "/api/v1/orders/%2e%2e/keys", "/api//v1/orders", "/api/v1/orders;x=1",
				"/api/v1/orders/%0a", "/api/v1/orders/%25", "/api/v1/orders/%2E" }) {
			var answer = get(target, KEY);
			assertProblem(answer, 400, "request-rejected");
			assertThat(answer.body()).contains("rejected");
		}
	}

	@Test
	void whatTomcatRefusesBeforeAnyServletIsAProblem() {
		// encoded slash and backslash, NUL, a broken escape, raw control, space and non-ASCII bytes in the target
		for (String target : new String[] { "/api/v1/orders/..%2Fkeys", "/api/v1/orders/%5C", "/api/v1/orders/%00",
				"/api/v1/orders/%zz", "/api/v1/orders/\u0001", "/api/v1/orders/a b", "/api/v1/orders/\u00e9",
				"/api/v1/orders?" + "a".repeat(20_000) }) {
			assertProblem(get(target, KEY), 400, "bad-request");
		}
		// malformed and oversized headers
		assertProblem(get("/api/v1/orders", KEY + "X-Bad: a\u0001b\r\n"), 400, "bad-request");
		assertProblem(get("/api/v1/orders", KEY + "X-Big: " + "a".repeat(20_000) + "\r\n"), 400, "bad-request");
		assertProblem(get("/api/v1/orders", KEY + "Content-Length: abc\r\n"), 400, "bad-request");
		assertProblem(get("/api/v1/orders", "Authorization: Bearer \u00e9\u0001\r\n"), 400, "bad-request");
		// with no Accept at all, and asking for HTML: under /api/ it is the API's answer either way
		assertProblem(get("/api/v1/orders/%00", "Accept: text/html\r\n"), 400, "bad-request");
		assertProblem(get("/api/v1/orders/%2e%2e/keys", "Accept: text/html\r\n"), 400, "request-rejected");
	}

	@Test
	void springMvcRefusalsHaveStableTypes() {
		assertProblem(get("/api/v1/no-such-thing", KEY), 404, "not-found");
		assertProblem(RawHttp.send(port, "DELETE /api/v1/orders HTTP/1.1", KEY, null), 405, "method-not-allowed");
		assertProblem(RawHttp.send(port, "TRACE /api/v1/orders HTTP/1.1", KEY, null), 405, "method-not-allowed");
		assertProblem(RawHttp.send(port, "POST /api/v1/stations HTTP/1.1",
				KEY + "Content-Type: text/plain\r\nContent-Length: 2\r\n", "ab".getBytes()), 415,
				"unsupported-media-type");
		assertProblem(get("/api/v1/orders", KEY + "Accept: text/event-stream\r\n"), 406, "not-acceptable");
		assertProblem(get("/api/v1/orders", KEY + "Accept: image/png\r\n"), 406, "not-acceptable");
	}

	@Test
	void authenticationFailuresAreProblems() {
		assertProblem(get("/api/v1/orders", ""), 401, "unauthenticated");
		assertProblem(get("/api/v1/orders", "Authorization: Basic YTpi\r\n"), 401, "unauthenticated");
		assertProblem(get("/api/v1/orders", "Authorization: Bearer nope\r\nAccept: text/html\r\n"), 401,
				"unauthenticated");
		var merchant = fixtures.merchant("Acme", null);
		assertProblem(get("/api/v1/keys", "Authorization: Bearer " + merchant.key() + "\r\n"), 403, "forbidden");
	}

	@Test
	void anEventStreamThatCannotStartAnswersAProblem() {
		String stream = "Accept: text/event-stream\r\n";
		assertProblem(get("/api/v1/orders/" + UUID.randomUUID() + "/live", KEY + stream), 404, "not-found");
		assertProblem(get("/api/v1/stations/" + UUID.randomUUID() + "/live", KEY + stream), 404, "not-found");
		assertProblem(get("/api/v1/orders/not-an-id/live", KEY + stream), 400, "validation");
		assertProblem(get("/api/v1/orders/" + UUID.randomUUID() + "/live", stream), 401, "unauthenticated");
	}

	@Test
	void actuatorErrorsAreProblemsForJsonClients() {
		assertProblem(get("/actuator/health/no-such-component", "Accept: application/json\r\n"), 404, "not-found");
		assertProblem(get("/actuator/no-such-endpoint", "Accept: application/json\r\n"), 403, "forbidden");
		assertProblem(get("/actuator/health/%2e%2e", ""), 400, "request-rejected");
		var health = get("/actuator/health", "Accept: application/json\r\n");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\"");
	}

	@Test
	void malformedQueryParametersAreProblemsNamingTheParameter() {
		var broken = get("/api/v1/orders?state=%zz", KEY);
		assertProblem(broken, 400, "validation");
		var nul = get("/api/v1/orders?orderNumber=B%00-1", KEY);
		assertProblem(nul, 400, "validation");
		assertThat(nul.body()).contains("\"field\":\"orderNumber\"", "NUL");
	}

	@Test
	void browsersOutsideTheApiKeepTheirHtmlPages() {
		String html = "Accept: text/html,application/xhtml+xml,*/*;q=0.8\r\n";
		for (String target : new String[] { "/console/..%2F", "/track/%00", "/console/%2e%2e/x", "/no-such-page" }) {
			var answer = get(target, html);
			assertThat(answer.status()).as(target).isBetween(400, 499);
			assertThat(answer.contentType()).as(target).startsWith("text/html");
		}
		// the same outside /api/ without asking for HTML: problem+json
		assertProblem(get("/no-such-page", "Accept: application/json\r\n"), 403, "forbidden");
		assertProblem(get("/track/%2e%2e/x", ""), 400, "request-rejected");
	}

	@Test
	void nulInTheConsoleSearchIsRefused() {
		fixtures.operatorAccount("operator");
		var session = new WebSession(port);
		session.signIn("operator", Fixtures.PASSWORD);
		var search = session.page("/console/orders?q=B%00-1");
		assertThat(search.statusCode()).isEqualTo(400);
		assertThat(session.page("/console/orders?q=B-1").statusCode()).isEqualTo(200);
	}

}
