package io.herald.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station keeps its own time zone (IANA id, checked), and its staff read every time in the station app in it,
 * whatever zone the server runs in.
 */
class StationTimeZoneIntegrationTests extends IntegrationTestBase {

	@Test
	void aStationsTimesAreShownInItsOwnZone() {
		var created = api.post("/api/v1/stations", ADMIN_KEY, """
				{"name":"Shanghai Pudong","depot":{"lat":42.5063,"lon":1.5218},"serviceArea":%s,"timeZone":"Asia/Shanghai"}"""
			.formatted(Fixtures.ANDORRA_LA_VELLA));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("station").get("timeZone").asString()).isEqualTo("Asia/Shanghai");
		var station = new Fixtures.Station(created.json().get("station").get("id").asString(),
				created.json().get("apiKey").asString());
		var merchant = fixtures.merchant("Acme Tea", null);
		String orderId = fixtures.place(merchant, Fixtures.order("TZ-1", 42.507, 1.52, null, "en"));
		Instant placed = Instant.parse(api.get("/api/v1/orders/" + orderId, merchant.key()).json().get("placedAt").asString());
		var account = fixtures.stationAccount(station, "pudong");

		var browser = new WebSession(port);
		browser.signIn("pudong", account.password());
		String board = browser.get("/station").body();

		String shanghai = DateTimeFormatter.ofPattern("HH:mm").format(placed.atZone(ZoneId.of("Asia/Shanghai")));
		assertThat(board).contains("placed " + shanghai);
	}

	@Test
	void anUnknownTimeZoneIsRefusedAndChangesNothing() {
		var refused = api.post("/api/v1/stations", ADMIN_KEY, """
				{"name":"Nowhere","depot":{"lat":42.5063,"lon":1.5218},"timeZone":"Mars/Olympus_Mons"}""");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.body()).contains("timeZone");
		assertThat(count("select count(*) from station")).isZero();
	}

}
