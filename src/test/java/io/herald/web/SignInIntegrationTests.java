package io.herald.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts and sessions of the station app and the console, over plain HTTP: accounts are managed through the API
 * with problem+json for bad input, a sign-in needs the form's CSRF token, gives a session cookie with secure
 * settings, and lands on the app of the account's role; a wrong password is refused, repeated ones lock the name,
 * and disabling an account ends its session.
 */
class SignInIntegrationTests extends IntegrationTestBase {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Test
	void accountsAreManagedByOperatorsWithClearErrors() {
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var created = fixtures.stationAccount(station, "alv-staff");
		var list = api.get("/api/v1/accounts", ADMIN_KEY);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains("alv-staff").contains(station.id()).doesNotContain("password").doesNotContain("bcrypt");

		var duplicate = api.post("/api/v1/accounts", ADMIN_KEY, """
				{"username":"ALV-staff","password":"another long password","role":"ADMIN"}""");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.contentType()).startsWith("application/problem+json");
		var shortPassword = api.post("/api/v1/accounts", ADMIN_KEY, """
				{"username":"op","password":"short","role":"ADMIN"}""");
		assertThat(shortPassword.status()).isEqualTo(400);
		assertThat(shortPassword.body()).contains("username").contains("password");
		var noStation = api.post("/api/v1/accounts", ADMIN_KEY, """
				{"username":"courier","password":"a long enough password","role":"STATION"}""");
		assertThat(noStation.status()).isEqualTo(400);
		assertThat(noStation.body()).contains("stationId");
		var unknownStation = api.post("/api/v1/accounts", ADMIN_KEY, """
				{"username":"courier","password":"a long enough password","role":"STATION",
				 "stationId":"00000000-0000-0000-0000-000000000001"}""");
		assertThat(unknownStation.status()).isEqualTo(400);
		var byStation = api.post("/api/v1/accounts", station.key(), """
				{"username":"courier","password":"a long enough password","role":"ADMIN"}""");
		assertThat(byStation.status()).isEqualTo(403);
		assertThat(count("select count(*) from web_account")).isEqualTo(1);
		assertThat(created.id()).isNotBlank();
	}

	@Test
	void aStationSignsInWithASecureSessionAndLandsInTheStationApp() throws Exception {
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var account = fixtures.stationAccount(station, "alv-staff");
		var browser = new Session();

		// without the form's CSRF token the sign-in is refused
		var forged = browser.post("/login", "username=alv-staff&password=" + enc(account.password()));
		assertThat(forged.statusCode()).isEqualTo(403);

		var signIn = browser.signIn("alv-staff", account.password());
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/station");
		String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith("HERALD_SESSION=").contains("HttpOnly").contains("Secure").contains("SameSite=Lax");
		assertThat(browser.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/station");
		// the console is for operators
		assertThat(browser.get("/console").statusCode()).isEqualTo(403);

		var page = browser.get("/login");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
			.doesNotContain("unsafe-inline");
	}

	// the lock is per name and outlives a test (it lives in the shared application context): a name of its own
	@Test
	void wrongPasswordsAreRefusedAndRepeatedOnesLockTheName() throws Exception {
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var account = fixtures.stationAccount(station, "alv-courier");
		var browser = new Session();
		var wrong = browser.signIn("alv-courier", "not the password at all");
		assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		assertThat(browser.get("/station").statusCode()).isEqualTo(302);
		var unknown = browser.signIn("nobody-here", "not the password at all");
		assertThat(unknown.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

		for (int i = 1; i < 10; i++) {
			browser.signIn("alv-courier", "guess number " + i + " of many");
		}
		var locked = browser.signIn("alv-courier", account.password());
		assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
	}

	@Test
	void disablingAnAccountEndsItsSession() throws Exception {
		var operator = fixtures.operatorAccount("olivia");
		var browser = new Session();
		var signIn = browser.signIn("olivia", operator.password());
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/console");
		assertThat(browser.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/console");

		assertThat(api.delete("/api/v1/accounts/" + operator.id(), ADMIN_KEY).status()).isEqualTo(200);
		eventually("the session ends", () -> browser.get("/").headers().firstValue("Location").orElseThrow()
			.endsWith("/login"));
		var again = browser.signIn("olivia", operator.password());
		assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A browser without JavaScript: keeps the session cookie (also a Secure one over http to localhost, as browsers
	 * do: java.net.CookieManager would not send it), follows no redirects.
	 */
	private final class Session {

		private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

		private String cookie;

		HttpResponse<String> get(String path) {
			return send(request(path).GET().build());
		}

		HttpResponse<String> post(String path, String form) {
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build());
		}

		private HttpRequest.Builder request(String path) {
			var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
			if (cookie != null) {
				builder.header("Cookie", cookie);
			}
			return builder;
		}

		HttpResponse<String> signIn(String username, String password) {
			var page = get("/login");
			assertThat(page.statusCode()).isEqualTo(200);
			Matcher token = CSRF.matcher(page.body());
			assertThat(token.find()).as(page.body()).isTrue();
			return post("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf="
					+ enc(token.group(1)));
		}

		private HttpResponse<String> send(HttpRequest request) {
			try {
				var response = http.send(request, HttpResponse.BodyHandlers.ofString());
				response.headers().firstValue("Set-Cookie").ifPresent(set -> cookie = set.split(";", 2)[0]);
				return response;
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}

	}

}
