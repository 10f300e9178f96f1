package io.herald.notification.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.herald.support.EventStream;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live channel over real HTTP: an order's stream and a station's stream, read line by line as EventSource reads
 * them, resumed with Last-Event-ID; who may open which; and the cursor that waits for slower transactions.
 */
class LiveIntegrationTests extends IntegrationTestBase {

	private static final Duration SOON = Duration.ofSeconds(3);

	@Autowired
	DataSource dataSource;

	@Autowired
	LiveEventRepository repository;

	Fixtures.Merchant acme;

	Fixtures.Station laVella;

	Fixtures.Station encamp;

	@BeforeEach
	void merchantAndTwoStations() {
		acme = fixtures.merchant("Acme", null);
		laVella = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		encamp = fixtures.station("Encamp", 42.5345, 1.5803, Fixtures.ENCAMP);
	}

	@Test
	void anOrdersStreamTellsEachChangeAndResumesAfterTheLastEventId() {
		String orderId = fixtures.place(acme, Fixtures.order("L-1", 42.507, 1.52, "li.wei@example.com", "zh-CN"));
		String lastEventId;
		try (EventStream stream = api.stream("/api/v1/orders/" + orderId + "/live", acme.key(), null)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.contentType()).startsWith("text/event-stream");
			// no Last-Event-ID: the story so far
			assertThat(stream.next(SOON).type()).isEqualTo("order.assigned");

			var report = api.post("/api/v1/orders/" + orderId + "/stocking", laVella.key(),
					"{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\",\"note\":\"茶杯缺货\",\"failedLines\":[2]}");
			assertThat(report.status()).as(report.toString()).isEqualTo(200);
			EventStream.Event failed = stream.next(Duration.ofSeconds(1));
			assertThat(failed).as("stocking failure within a second of the report").isNotNull();
			assertThat(failed.id()).matches("\\d+-\\d+");
			JsonNode data = failed.json();
			assertThat(data.get("type").asString()).isEqualTo("order.stocking_failed");
			assertThat(data.get("orderId").asString()).isEqualTo(orderId);
			assertThat(data.get("orderNumber").asString()).isEqualTo("L-1");
			assertThat(data.get("state").asString()).isEqualTo("STOCKING_FAILED");
			assertThat(data.get("stockingStatus").asString()).isEqualTo("FAILED");
			assertThat(data.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
			assertThat(data.get("note").asString()).isEqualTo("茶杯缺货");
			assertThat(data.get("failedItems").findValuesAsString("name")).containsExactly("Tea cup");
			assertThat(data.get("occurredAt").asString()).isNotBlank();
			// what the order's owner may see, not the customer's personal data
			assertThat(failed.data()).doesNotContain("Li Wei", "li.wei@example.com", "+8613800138000", "Meritxell");
			lastEventId = failed.id();
		}

		// while nobody listens, two more changes
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking/correction", laVella.key(),
				"{\"status\":\"STOCKED\"}").status()).isEqualTo(200);
		assertThat(api.post("/api/v1/orders/" + orderId + "/cancellation", acme.key(), "{\"reason\":\"changed my mind\"}")
			.status()).isEqualTo(200);

		try (EventStream resumed = api.stream("/api/v1/orders/" + orderId + "/live", acme.key(), lastEventId)) {
			List<EventStream.Event> missed = resumed.next(2, SOON);
			assertThat(missed).extracting(EventStream.Event::type).containsExactly("order.stocked", "order.cancelled");
			assertThat(missed.get(0).json().get("correction").asBoolean()).isTrue();
			assertThat(missed.get(1).json().get("reason").asString()).isEqualTo("changed my mind");
			assertThat(resumed.next(Duration.ofMillis(600))).as("nothing twice, nothing else").isNull();
		}

		// the same through the query parameter, for clients that cannot set headers; the station sees it too
		try (EventStream resumed = api.stream("/api/v1/orders/" + orderId + "/live?lastEventId=" + lastEventId,
				laVella.key(), null)) {
			assertThat(resumed.next(2, SOON)).extracting(EventStream.Event::type)
				.containsExactly("order.stocked", "order.cancelled");
		}
	}

	@Test
	void aStationsStreamCarriesItsOwnOrdersOnlyFromNowOn() {
		// before the stream opens: not part of "from now on"
		fixtures.place(acme, Fixtures.order("S-0", 42.507, 1.52, null, "en"));
		try (EventStream stream = api.stream("/api/v1/stations/" + laVella.id() + "/live", laVella.key(), null)) {
			assertThat(stream.status()).isEqualTo(200);
			eventually("the stream set a Last-Event-ID to resume from", () -> stream.lastEventId() != null);

			String atEncamp = fixtures.place(acme, Fixtures.order("S-1", 42.535, 1.58, null, "en"));
			String atLaVella = fixtures.place(acme, Fixtures.order("S-2", 42.508, 1.521, null, "en"));
			assertThat(api.post("/api/v1/orders/" + atEncamp + "/stocking", encamp.key(), "{\"status\":\"STOCKED\"}")
				.status()).isEqualTo(200);
			assertThat(api.post("/api/v1/orders/" + atLaVella + "/stocking", laVella.key(), "{\"status\":\"STOCKED\"}")
				.status()).isEqualTo(200);

			// streams keep commit order, so Encamp's earlier events would have come first
			List<EventStream.Event> events = stream.next(2, SOON);
			assertThat(events).extracting(EventStream.Event::type).containsExactly("order.assigned", "order.stocked");
			assertThat(events).allSatisfy(e -> assertThat(e.json().get("orderId").asString()).isEqualTo(atLaVella));
			assertThat(stream.next(Duration.ofMillis(600))).isNull();
		}

		// an operator may watch any station
		try (EventStream admin = api.stream("/api/v1/stations/" + encamp.id() + "/live", ADMIN_KEY, null)) {
			assertThat(admin.status()).isEqualTo(200);
		}
	}

	@Test
	void onlyThoseWhoMaySeeTheOrderOrStationMayListen() {
		String orderId = fixtures.place(acme, Fixtures.order("A-1", 42.507, 1.52, null, "en"));
		var globex = fixtures.merchant("Globex", null);
		String orderPath = "/api/v1/orders/" + orderId + "/live";

		assertNotFound(api.stream(orderPath, globex.key(), null));
		assertNotFound(api.stream(orderPath, encamp.key(), null));
		assertNotFound(api.stream("/api/v1/orders/" + UUID.randomUUID() + "/live", ADMIN_KEY, null));
		assertNotFound(api.stream("/api/v1/stations/" + laVella.id() + "/live", encamp.key(), null));
		assertNotFound(api.stream("/api/v1/stations/" + UUID.randomUUID() + "/live", ADMIN_KEY, null));

		var anonymous = api.stream(orderPath, null, null).refusal();
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
		var merchantOnStation = api.stream("/api/v1/stations/" + laVella.id() + "/live", acme.key(), null).refusal();
		assertThat(merchantOnStation.status()).isEqualTo(403);

		for (String malformed : List.of("abc", "12", "1-", "-1-2", "1-2-3", "99999999999999999999-1")) {
			var refused = api.stream(orderPath, acme.key(), malformed).refusal();
			assertThat(refused.status()).as(malformed).isEqualTo(400);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("Last-Event-ID");
		}
		var malformedParameter = api.stream(orderPath + "?lastEventId=x", acme.key(), null).refusal();
		assertThat(malformedParameter.status()).isEqualTo(400);
	}

	/**
	 * Ids are drawn at insert, rows become visible at commit: T1 takes the smaller id and commits last. Reading by id
	 * alone would send T2's row and then skip T1's for good; below the horizon, T2's row waits for T1.
	 */
	@Test
	void aRowCommittedLaterBehindTheCursorIsStillDelivered() throws Exception {
		String orderId = fixtures.place(acme, Fixtures.order("X-1", 42.507, 1.52, null, "en"));
		try (EventStream stream = api.stream("/api/v1/orders/" + orderId + "/live", acme.key(), null);
				Connection t1 = dataSource.getConnection();
				Connection t2 = dataSource.getConnection()) {
			assertThat(stream.next(SOON).type()).isEqualTo("order.assigned");
			t1.setAutoCommit(false);
			t2.setAutoCommit(false);
			long firstId = insert(t1, orderId, "test.first");
			long secondId = insert(t2, orderId, "test.second");
			t2.commit();
			assertThat(firstId).isLessThan(secondId);

			assertThat(stream.next(Duration.ofSeconds(1))).as("T2's row waits while T1 runs").isNull();
			assertThat(repository.ofOrderAfter(UUID.fromString(orderId), Cursor.START, 10))
				.extracting(LiveEvent::type).containsExactly("order.assigned");

			t1.commit();
			List<EventStream.Event> both = stream.next(2, SOON);
			assertThat(both).extracting(EventStream.Event::type).containsExactly("test.first", "test.second");
			Cursor first = Cursor.parse(both.get(0).id());
			Cursor second = Cursor.parse(both.get(1).id());
			assertThat(first.txid()).isLessThan(second.txid());
			assertThat(first.id()).isEqualTo(firstId);
			assertThat(second.id()).isEqualTo(secondId);
		}
	}

	private static long insert(Connection connection, String orderId, String type) throws Exception {
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into live_event (order_id, type, payload, occurred_at) values (?, ?, ?, now()) returning id""")) {
			insert.setObject(1, UUID.fromString(orderId));
			insert.setString(2, type);
			insert.setString(3, "{\"type\":\"" + type + "\"}");
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private static void assertNotFound(EventStream stream) {
		var refused = stream.refusal();
		assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
		assertThat(refused.contentType()).startsWith("application/problem+json");
	}

}
