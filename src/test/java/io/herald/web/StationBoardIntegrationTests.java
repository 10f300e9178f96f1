package io.herald.web;

import java.util.ArrayList;
import java.util.List;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A station with a backlog: the board shows the orders waiting longest and says how many more there are, instead of
 * silently dropping the oldest.
 */
class StationBoardIntegrationTests extends IntegrationTestBase {

	@Test
	void aBacklogShowsTheLongestWaitingFirstAndSaysHowManyMoreThereAre() {
		var merchant = fixtures.merchant("Acme Tea", null);
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < 205; i++) {
			orders.add(Fixtures.order("BL-%03d".formatted(i), 42.507, 1.52, null, "en"));
		}
		var placed = api.post("/api/v1/orders/batch", merchant.key(), "{\"orders\":[" + String.join(",", orders) + "]}");
		assertThat(placed.status()).as(placed.toString()).isIn(200, 201, 207);
		// placed two days ago, a minute apart: BL-000 has waited longest
		jdbc.sql("""
				update customer_order set placed_at = now() - interval '2 days'
				  + (cast(substring(order_number from 4) as int) * interval '1 minute')""").update();
		var account = fixtures.stationAccount(station, "alv-backlog");
		var browser = new WebSession(port);
		browser.signIn("alv-backlog", account.password());

		String board = browser.get("/station").body();

		assertThat(board).contains("5 more orders than this page shows").contains("BL-000\"").contains("BL-199\"")
			.doesNotContain("BL-200\"").doesNotContain("BL-204\"");
	}

}
