package io.herald.order;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention of finished orders: what is past it goes with its story, token and notifications; what is recent, not
 * finished, or still has work in flight stays whole.
 */
class FinishedOrderPrunerIntegrationTests extends IntegrationTestBase {

	@Autowired
	FinishedOrderPruner pruner;

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	@BeforeEach
	void merchantAndStation() {
		merchant = fixtures.merchant("Acme", receiver().url("/retention"));
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
	}

	String stockedOrder(String number) {
		String id = fixtures.place(merchant, Fixtures.order(number, 42.50, 1.51, number + "@example.com", "en"));
		assertThat(api.post("/api/v1/orders/" + id + "/stocking", station.key(), "{\"status\":\"STOCKED\"}").status())
			.isEqualTo(200);
		return id;
	}

	String startedRoute(List<String> orderIds) {
		var route = api.post("/api/v1/routes", station.key(), "{\"courier\":{\"name\":\"Pau\"},\"orderIds\":[\""
				+ String.join("\",\"", orderIds) + "\"]}");
		assertThat(route.status()).as(route.toString()).isEqualTo(201);
		String routeId = route.text("id");
		assertThat(api.post("/api/v1/routes/" + routeId + "/start", station.key(), null).status()).isEqualTo(200);
		return routeId;
	}

	void deliver(String routeId, String orderId) {
		assertThat(api.post("/api/v1/routes/" + routeId + "/stops/" + orderId + "/outcome", station.key(),
				"{\"outcome\":\"DELIVERED\"}").status()).isEqualTo(200);
	}

	void age(String orderId, int days) {
		jdbc.sql("update customer_order set updated_at = now() - make_interval(days => ?) where id = ?::uuid")
			.params(days, orderId).update();
	}

	long rowsOf(String orderId) {
		return count("select count(*) from customer_order where id = ?::uuid", orderId)
				+ count("select count(*) from order_event where order_id = ?::uuid", orderId)
				+ count("select count(*) from order_tracking where order_id = ?::uuid", orderId)
				+ count("select count(*) from notification where order_id = ?::uuid", orderId);
	}

	@Test
	void finishedOrdersPastTheRetentionGoWithTheirStoryTokenAndMessagesAndEverythingElseStays() {
		String delivered = stockedOrder("R-1");
		deliver(startedRoute(List.of(delivered)), delivered);
		String onOpenRoute = stockedOrder("R-2");
		String stillToGo = stockedOrder("R-7");
		deliver(startedRoute(List.of(onOpenRoute, stillToGo)), onOpenRoute);
		String cancelled = fixtures.place(merchant, Fixtures.order("R-3", 42.50, 1.51, "r3@example.com", "en"));
		assertThat(api.post("/api/v1/orders/" + cancelled + "/cancellation", merchant.key(), "{\"reason\":\"no\"}")
			.status()).isEqualTo(200);
		String recent = fixtures.place(merchant, Fixtures.order("R-4", 42.50, 1.51, "r4@example.com", "en"));
		assertThat(api.post("/api/v1/orders/" + recent + "/cancellation", merchant.key(), "{\"reason\":\"no\"}")
			.status()).isEqualTo(200);
		String stocked = stockedOrder("R-5");
		String unsent = stockedOrder("R-6");
		String secondRoute = startedRoute(List.of(unsent));
		deliver(secondRoute, unsent);
		awaitIdleOutbox();
		// the last message of this delivered order is still waiting (quiet hours, a receiver that is down: anything)
		jdbc.sql("""
				update notification set status = 'FAILED', next_attempt_at = now() + interval '1 hour'
				where order_id = ?::uuid and channel = 'WEBHOOK' and kind = 'DELIVERED'""").param(unsent).update();
		String token = jdbc.sql("select token from order_tracking where order_id = ?::uuid").param(delivered)
			.query(String.class).single();
		for (String id : List.of(delivered, onOpenRoute, cancelled, stocked, unsent)) {
			age(id, 91);
		}
		assertThat(rowsOf(delivered)).isGreaterThan(4);
		long keptBefore = rowsOf(onOpenRoute) + rowsOf(recent) + rowsOf(stocked) + rowsOf(unsent);

		assertThat(pruner.prune()).isEqualTo(2);

		assertThat(rowsOf(delivered)).isZero();
		assertThat(rowsOf(cancelled)).isZero();
		// delivered, but still a stop of a started route; cancelled only today; not finished; a message in flight
		assertThat(rowsOf(onOpenRoute) + rowsOf(recent) + rowsOf(stocked) + rowsOf(unsent)).isEqualTo(keptBefore);
		assertThat(count("select count(*) from customer_order where id in (?::uuid, ?::uuid, ?::uuid, ?::uuid)",
				onOpenRoute, recent, stocked, unsent)).isEqualTo(4);
		// routes are not the order's to delete: a finished one goes with its own retention
		assertThat(count("select count(*) from route_stop where order_id = ?::uuid", delivered)).isOne();
		assertThat(pruner.prune()).as("nothing more to do").isZero();

		// the customer's link of a pruned order: a clean "not found" page and stream answer, never a server error
		var page = api.get("/track/" + token, null);
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.body()).contains("Tracking link not found");
		assertThat(api.get("/track/" + token + "/live", null).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/orders/" + delivered, merchant.key()).status()).isEqualTo(404);
	}

	@Test
	void nodesPruningAtOnceDeleteEachOrderOnceAndFailNothing() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String id = fixtures.place(merchant, Fixtures.order("P-" + i, 42.50, 1.51, null, "en"));
			assertThat(api.post("/api/v1/orders/" + id + "/cancellation", merchant.key(), "{\"reason\":\"no\"}")
				.status()).isEqualTo(200);
			ids.add(id);
		}
		awaitIdleOutbox();
		ids.forEach(id -> age(id, 100));

		var first = CompletableFuture.supplyAsync(pruner::prune);
		var second = CompletableFuture.supplyAsync(pruner::prune);

		assertThat(first.get() + second.get()).isEqualTo(12);
		assertThat(count("select count(*) from customer_order")).isZero();
		assertThat(count("select count(*) from notification")).isZero();
	}

}
