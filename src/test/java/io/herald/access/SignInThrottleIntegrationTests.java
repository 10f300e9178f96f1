package io.herald.access;

import java.util.UUID;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.apache.catalina.util.NetMaskSet;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody can lock the owner of an account out: wrong sign-ins slow down where they come from, by name and by source,
 * and a forwarded address counts only when a trusted proxy forwarded it.
 */
@TestPropertySource(properties = "herald.security.metrics-token=" + MetricsAccessIntegrationTests.SCRAPE_TOKEN)
class SignInThrottleIntegrationTests extends IntegrationTestBase {

	@Autowired
	WebServerApplicationContext server;

	@Test
	void wrongSignInsUnderRandomNamesFromOnePlaceLockNobodyOut() {
		var operator = fixtures.operatorAccount("oscar-night");
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var staff = fixtures.stationAccount(station, "alv-early");
		var attacker = new WebSession(port).from("203.0.113.66");
		// the reviewer's 100, and one more: the first that makes the source wait
		for (int i = 0; i <= SignInThrottle.FREE_PER_SOURCE; i++) {
			var refused = attacker.signIn("guess-" + UUID.randomUUID(), "not the password at all");
			assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
		}
		// the source that sprayed is slowed down, and told so
		var slowed = attacker.signIn("oscar-night", operator.password());
		String location = slowed.headers().firstValue("Location").orElseThrow();
		assertThat(location).containsPattern("/login\\?wait=[1-9][0-9]*$");
		assertThat(attacker.get(location.substring(location.indexOf("/login"))).body())
			.contains("Too many attempts, try again in");

		// the operator and the station's staff, from where they are, sign in as usual
		var operatorBrowser = new WebSession(port).from("198.51.100.20");
		assertThat(operatorBrowser.signIn("oscar-night", operator.password()).headers().firstValue("Location")
			.orElseThrow()).endsWith("/console");
		var stationPhone = new WebSession(port).from("192.0.2.44");
		assertThat(stationPhone.signIn("alv-early", staff.password()).headers().firstValue("Location").orElseThrow())
			.endsWith("/station");
	}

	@Test
	void guessingOneNameSlowsThatNameFromThatPlaceOnly() {
		var operator = fixtures.operatorAccount("olga-day");
		var guesser = new WebSession(port).from("203.0.113.77");
		for (int i = 0; i < SignInThrottle.FREE_PER_PAIR + 1; i++) {
			guesser.signIn("olga-day", "guess number " + i + " of many");
		}
		// even the right password waits there: it is not checked while waiting
		assertThat(guesser.signIn("olga-day", operator.password()).headers().firstValue("Location").orElseThrow())
			.contains("/login?wait=");
		assertThat(new WebSession(port).from("198.51.100.21").signIn("olga-day", operator.password()).headers()
			.firstValue("Location").orElseThrow()).endsWith("/console");
	}

	@Test
	void forwardedAddressesAreBelievedOnlyFromLoopbackAndPrivateProxies() throws Exception {
		var tomcat = ((TomcatWebServer) server.getWebServer()).getTomcat();
		var valve = java.util.Arrays.stream(tomcat.getEngine().getPipeline().getValves())
			.filter(RemoteIpValve.class::isInstance)
			.map(RemoteIpValve.class::cast)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no RemoteIpValve: forwarded headers are not read"));
		var trusted = new NetMaskSet();
		assertThat(trusted.addAll(valve.getInternalProxies())).as("unreadable proxies").isEmpty();
		assertThat(trusted.contains("127.0.0.1")).isTrue();
		assertThat(trusted.contains("::1")).isTrue();
		assertThat(trusted.contains("10.1.2.3")).isTrue();
		assertThat(trusted.contains("192.168.4.5")).isTrue();
		assertThat(trusted.contains("203.0.113.7")).isFalse();
		assertThat(trusted.contains("8.8.8.8")).isFalse();
		assertThat(valve.getTrustedProxies()).isNullOrEmpty();
	}

}
