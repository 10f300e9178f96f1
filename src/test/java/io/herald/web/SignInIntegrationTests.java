package io.herald.web;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import static io.herald.support.WebSession.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accounts and sessions of the station app and the console, over plain HTTP: accounts are managed through the API
 * with problem+json for bad input, a sign-in needs the form's CSRF token, gives a session cookie with secure
 * settings, and lands on the app of the account's role; a wrong password is refused, repeated ones slow the name down,
 * and disabling an account ends its session.
 */
class SignInIntegrationTests extends IntegrationTestBase {

	@Autowired
	AuthenticationProvider signIns;

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
		var browser = new WebSession(port);

		// without the form's CSRF token the sign-in is refused (sent to sign in properly, as after an expired session)
		var forged = browser.post("/login", "username=alv-staff&password=" + enc(account.password()));
		assertThat(forged.statusCode()).isEqualTo(302);
		assertThat(forged.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
		assertThat(browser.get("/station").headers().firstValue("Location").orElseThrow()).endsWith("/login");

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

	// the throttle is per name and outlives a test (it lives in the shared application context): a name of its own
	@Test
	void wrongPasswordsAreRefusedAndRepeatedOnesSlowTheNameDown() throws Exception {
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var account = fixtures.stationAccount(station, "alv-courier");
		var browser = new WebSession(port);
		var wrong = browser.signIn("alv-courier", "not the password at all");
		assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		assertThat(browser.get("/station").statusCode()).isEqualTo(302);
		var unknown = browser.signIn("nobody-here", "not the password at all");
		assertThat(unknown.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");

		for (int i = 1; i < 10; i++) {
			browser.signIn("alv-courier", "guess number " + i + " of many");
		}
		// slowed down, not locked: the page says how long to wait
		var throttled = browser.signIn("alv-courier", account.password());
		assertThat(throttled.headers().firstValue("Location").orElseThrow()).containsPattern("/login\\?wait=[1-9]");
	}

	@Test
	void aNameSlowedDownAtOneAddressStillSignsInFromAnother() {
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var account = fixtures.stationAccount(station, "alv-van-2");
		for (int i = 0; i < 6; i++) {
			int guess = i;
			assertThatThrownBy(() -> signInFrom("203.0.113.7", "alv-van-2", "guess number " + guess + " of many"))
				.isInstanceOf(BadCredentialsException.class);
		}
		assertThatThrownBy(() -> signInFrom("203.0.113.7", "alv-van-2", account.password()))
			.hasMessageContaining("Too many attempts");
		// the station's own phone, elsewhere, is not locked out by someone guessing
		assertThat(signInFrom("198.51.100.20", "alv-van-2", account.password()).isAuthenticated()).isTrue();
	}

	private Authentication signInFrom(String address, String username, String password) {
		var attempt = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
		attempt.setDetails(new WebAuthenticationDetails(address, null));
		return signIns.authenticate(attempt);
	}

	@Test
	void changingThePasswordEndsTheSessionsSignedInBefore() {
		var operator = fixtures.operatorAccount("oscar");
		var browser = new WebSession(port);
		browser.signIn("oscar", operator.password());
		assertThat(browser.get("/console").statusCode()).isEqualTo(200);

		var changed = api.put("/api/v1/accounts/" + operator.id() + "/password", ADMIN_KEY,
				"{\"password\":\"a new and longer passphrase\"}");
		assertThat(changed.status()).isEqualTo(204);

		eventually("the session ends", () -> browser.get("/console").statusCode() == 302);
		assertThat(browser.signIn("oscar", operator.password()).headers().firstValue("Location").orElseThrow())
			.endsWith("/login?error");
		var again = new WebSession(port);
		assertThat(again.signIn("oscar", "a new and longer passphrase").headers().firstValue("Location").orElseThrow())
			.endsWith("/console");
		assertThat(again.get("/console").statusCode()).isEqualTo(200);
	}

	@Test
	void aPasswordBcryptCannotHoldIsRefusedClearly() {
		// 25 Chinese characters are 75 bytes in UTF-8: more than bcrypt reads
		var tooLong = api.post("/api/v1/accounts", ADMIN_KEY,
				"{\"username\":\"wang\",\"password\":\"" + "密".repeat(25) + "\",\"role\":\"ADMIN\"}");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.contentType()).startsWith("application/problem+json");
		assertThat(tooLong.body()).contains("72 bytes");
		// 24 different characters: the same one 24 times would be refused as repetitive
		var fits = api.post("/api/v1/accounts", ADMIN_KEY,
				"{\"username\":\"wang\",\"password\":\"春眠不觉晓处处闻啼鸟夜来风雨声花落知多少床前明月\",\"role\":\"ADMIN\"}");
		assertThat(fits.status()).isEqualTo(201);
	}

	@Test
	void aMistypedPageIsAPageNotJsonWhileTheApiStaysProblemJson() {
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var account = fixtures.stationAccount(station, "alv-typo");
		var browser = new WebSession(port);
		browser.signIn("alv-typo", account.password());

		var typo = browser.page("/station/ordres");
		assertThat(typo.statusCode()).isEqualTo(404);
		assertThat(typo.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(typo.body()).contains("This page does not exist").contains("href=\"/\"");

		var api = browser.page("/api/v1/no-such-thing");
		assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
	}

	@Test
	void disablingAnAccountEndsItsSession() throws Exception {
		var operator = fixtures.operatorAccount("olivia");
		var browser = new WebSession(port);
		var signIn = browser.signIn("olivia", operator.password());
		assertThat(signIn.headers().firstValue("Location").orElseThrow()).endsWith("/console");
		assertThat(browser.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/console");

		assertThat(api.delete("/api/v1/accounts/" + operator.id(), ADMIN_KEY).status()).isEqualTo(200);
		eventually("the session ends", () -> browser.get("/").headers().firstValue("Location").orElseThrow()
			.endsWith("/login"));
		var again = browser.signIn("olivia", operator.password());
		assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
	}

}
