package io.herald;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single stocking reports sent at the same time share transactions (group commit); each must still behave exactly as
 * if it had been applied alone: its own answer with the order as committed, one story event, one message, and a
 * contradicting report about the same order refused even when both arrive together.
 */
class StockingGroupCommitIntegrationTests extends IntegrationTestBase {

	private final ExecutorService stations = Executors.newFixedThreadPool(24);

	@AfterEach
	void stop() {
		stations.shutdownNow();
	}

	@Test
	void concurrentSingleReportsAreEachAppliedAndNotifiedOnce() throws Exception {
		var merchant = fixtures.merchant("Acme Tea", receiver().url("/group"));
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			ids.add(fixtures.place(merchant, Fixtures.order("G-" + i, 42.507, 1.52, null, "en")));
		}
		Map<String, String> bodies = new HashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			bodies.put(ids.get(i), i % 3 == 0 ? "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"failedLines\":[2]}"
					: "{\"status\":\"STOCKED\"}");
		}

		List<Api.Response> first = all(ids, id -> api.post("/api/v1/orders/" + id + "/stocking", station.key(),
				bodies.get(id)));
		for (int i = 0; i < ids.size(); i++) {
			Api.Response response = first.get(i);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.json().get("applied").asBoolean()).isTrue();
			// the order in the answer is this order, as this report left it
			assertThat(response.json().get("order").get("id").asString()).isEqualTo(ids.get(i));
			assertThat(response.json().get("order").get("state").asString())
				.isEqualTo(i % 3 == 0 ? "STOCKING_FAILED" : "STOCKED");
		}

		// the same reports again, all at once: nothing changes, nobody is told twice
		List<Api.Response> again = all(ids, id -> api.post("/api/v1/orders/" + id + "/stocking", station.key(),
				bodies.get(id)));
		assertThat(again).allSatisfy(r -> {
			assertThat(r.status()).as(r.toString()).isEqualTo(200);
			assertThat(r.json().get("applied").asBoolean()).isFalse();
		});

		eventually("one webhook per order", () -> receiver().received("/group").size() >= ids.size());
		awaitIdleOutbox();
		Map<String, Integer> webhooksPerOrder = new HashMap<>();
		for (WebhookReceiver.Received webhook : receiver().received("/group")) {
			String orderId = Api.JSON.readTree(webhook.body()).get("data").get("orderId").asString();
			webhooksPerOrder.merge(orderId, 1, Integer::sum);
		}
		assertThat(webhooksPerOrder).hasSize(ids.size()).allSatisfy((order, n) -> assertThat(n).isEqualTo(1));
		assertThat(count("select count(*) from order_event where type in ('order.stocked', 'order.stocking_failed')"))
			.isEqualTo(ids.size());
		assertThat(count("select count(*) from customer_order where stocking_status = 'FAILED'")).isEqualTo(20);
	}

	@Test
	void contradictingReportsArrivingTogetherAreOneAppliedAndOneRefused() throws Exception {
		var merchant = fixtures.merchant("Acme Tea", receiver().url("/race"));
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		for (int round = 0; round < 10; round++) {
			String id = fixtures.place(merchant, Fixtures.order("R-" + round, 42.507, 1.52, null, "en"));
			List<String> outcomes = List.of("{\"status\":\"STOCKED\"}",
					"{\"status\":\"FAILED\",\"reason\":\"DAMAGED\"}");
			List<Api.Response> answers = all(outcomes,
					body -> api.post("/api/v1/orders/" + id + "/stocking", station.key(), body));
			assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
			Api.Response applied = answers.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
			assertThat(applied.json().get("applied").asBoolean()).isTrue();
			Api.Response refused = answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
			assertThat(refused.contentType()).startsWith("application/problem+json");
			// what is stored is what the applied answer said
			String state = jdbc.sql("select state from customer_order where id = ?::uuid").param(id)
				.query(String.class).single();
			assertThat(applied.json().get("order").get("state").asString()).isEqualTo(state);
		}
		eventually("one webhook per order", () -> receiver().received("/race").size() >= 10);
		awaitIdleOutbox();
		assertThat(receiver().received("/race")).hasSize(10);
	}

	/** Sends one request per input, all at the same time; the answers in input order. */
	private <T> List<Api.Response> all(List<T> inputs, java.util.function.Function<T, Api.Response> request)
			throws Exception {
		List<Future<Api.Response>> futures = new ArrayList<>();
		for (T input : inputs) {
			Callable<Api.Response> call = () -> request.apply(input);
			futures.add(stations.submit(call));
		}
		List<Api.Response> answers = new ArrayList<>();
		for (Future<Api.Response> future : futures) {
			answers.add(future.get());
		}
		return answers;
	}

}
