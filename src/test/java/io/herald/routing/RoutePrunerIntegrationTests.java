package io.herald.routing;

import java.util.ArrayList;
import java.util.List;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention of routes: finished ones past it go with their stops; recent, planned and started ones stay. */
class RoutePrunerIntegrationTests extends IntegrationTestBase {

	@Autowired
	RoutePruner pruner;

	Fixtures.Station station;

	List<String> stocked = new ArrayList<>();

	@BeforeEach
	void stockedOrders() {
		Fixtures.Merchant merchant = fixtures.merchant("Acme", receiver().url("/routes"));
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		for (int i = 0; i < 4; i++) {
			String id = fixtures.place(merchant, Fixtures.order("S-" + i, 42.495 + i * 0.004, 1.50 + i * 0.008, null, "en"));
			api.post("/api/v1/orders/" + id + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
			stocked.add(id);
		}
	}

	String route(String orderId, boolean start, boolean finish) {
		var response = api.post("/api/v1/routes", station.key(),
				"{\"courier\":{\"name\":\"Pau\"},\"orderIds\":[\"" + orderId + "\"]}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		String id = response.text("id");
		if (start) {
			assertThat(api.post("/api/v1/routes/" + id + "/start", station.key(), null).status()).isEqualTo(200);
		}
		if (finish) {
			assertThat(api.post("/api/v1/routes/" + id + "/stops/" + orderId + "/outcome", station.key(),
					"{\"outcome\":\"DELIVERED\"}").status()).isEqualTo(200);
		}
		return id;
	}

	long rowsOf(String routeId) {
		return count("select count(*) from route where id = ?::uuid", routeId)
				+ count("select count(*) from route_stop where route_id = ?::uuid", routeId);
	}

	@Test
	void finishedRoutesPastTheRetentionGoWithTheirStopsAndOpenOnesStay() {
		String old = route(stocked.get(0), true, true);
		String recent = route(stocked.get(1), true, true);
		String started = route(stocked.get(2), true, false);
		String planned = route(stocked.get(3), false, false);
		assertThat(count("select count(*) from route where id = ?::uuid and state = 'FINISHED'", old)).isOne();
		jdbc.sql("update route set finished_at = now() - interval '91 days' where id = ?::uuid").param(old).update();
		// open routes as old as can be: still a courier's work
		jdbc.sql("""
				update route set planned_at = now() - interval '1 year', started_at = now() - interval '1 year'
				where id in (?::uuid, ?::uuid)""").params(started, planned).update();

		assertThat(pruner.prune()).isOne();

		assertThat(rowsOf(old)).isZero();
		assertThat(rowsOf(recent)).isEqualTo(2);
		assertThat(rowsOf(started)).isEqualTo(2);
		assertThat(rowsOf(planned)).isEqualTo(2);
		// the order outlives its route: it just has no place on a route any more
		var order = api.get("/api/v1/orders/" + stocked.get(0) + "/delivery", station.key());
		assertThat(order.status()).as(order.toString()).isEqualTo(200);
		assertThat(order.body()).doesNotContain(old);
		assertThat(pruner.prune()).isZero();
	}

}
