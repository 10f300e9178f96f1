package io.herald.live;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import io.herald.notification.channel.LiveChannel;
import io.herald.notification.channel.Message;
import io.herald.notification.channel.SendOutcome;
import io.herald.notification.policy.NotificationKind;
import io.herald.support.EventStream;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.herald.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live channel over real HTTP: an order's stream and a station's stream, read line by line as EventSource reads
 * them, resumed with Last-Event-ID; who may open which; the cursor that waits for slower transactions; and the copies
 * of the customer's messages that the live channel, as a message channel, appends to the order's stream.
 */
class LiveIntegrationTests extends IntegrationTestBase {

	private static final Duration SOON = Duration.ofSeconds(3);

	@Autowired
	DataSource dataSource;

	@Autowired
	LiveEventRepository repository;

	@Autowired
	Clock clock;

	@Autowired
	LiveChannel channel;

	Fixtures.Merchant acme;

	Fixtures.Station laVella;

	Fixtures.Station encamp;

	@BeforeEach
	void merchantAndTwoStations() {
		acme = fixtures.merchant("Acme", null);
		laVella = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		encamp = fixtures.station("Encamp", 42.5345, 1.5803, Fixtures.ENCAMP);
	}

	@Autowired
	LiveSettings settings;

	@Test
	void eventsPastTheRetentionArePrunedInBatchesAndNewerOnesStay() {
		// old events, written before the newer ones as time goes: more than one batch of them
		jdbc.sql("""
				insert into live_event (order_id, type, payload, occurred_at, created_at)
				select ?, 'order.assigned', '{}', now() - interval '3 days', now() - interval '3 days'
				from generate_series(1, ?)""").params(UUID.randomUUID(), LiveEventPruner.BATCH + 7).update();
		fixtures.place(acme, Fixtures.order("L-PRUNE", 42.507, 1.52, null, "en"));
		long fresh = count("select count(*) from live_event where created_at > now() - interval '1 hour'");
		assertThat(fresh).isPositive();

		int deleted = new LiveEventPruner(repository, settings, clock).prune();

		assertThat(deleted).isEqualTo(LiveEventPruner.BATCH + 7);
		assertThat(count("select count(*) from live_event")).isEqualTo(fresh);
		assertThat(new LiveEventPruner(repository, settings, clock).prune()).isZero();
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

			// the customer is emailed about it, and the live channel adds a copy of that message to the stream
			EventStream.Event told = stream.next(SOON);
			assertThat(told).as("the copy of the customer's message").isNotNull();
			assertThat(told.type()).isEqualTo("notification.message");
			JsonNode message = told.json();
			assertThat(message.get("orderId").asString()).isEqualTo(orderId);
			assertThat(message.get("orderNumber").asString()).isEqualTo("L-1");
			assertThat(message.get("kind").asString()).isEqualTo("STOCKING_FAILED");
			assertThat(message.get("locale").asString()).isEqualTo("zh-CN");
			assertThat(message.get("subject").asString()).isEqualTo("您的订单 L-1 备货出现问题");
			assertThat(message.get("text").asString()).contains("商品缺货", "Tea cup", "茶杯缺货");
			assertThat(message.get("notificationId").asString()).isEqualTo("msg_" + jdbc.sql("""
					select id from notification where order_id = ?::uuid and channel = 'LIVE'""")
				.param(orderId).query(UUID.class).single());
			// neither the customer's name or contact nor the tracking link: the station follows this stream too
			assertThat(told.data()).doesNotContain("Li Wei", "li.wei@example.com", "+8613800138000", "Meritxell",
					"/track/");
			lastEventId = told.id();
		}

		// while nobody listens, two more changes
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking/correction", laVella.key(),
				"{\"status\":\"STOCKED\"}").status()).isEqualTo(200);
		assertThat(api.post("/api/v1/orders/" + orderId + "/cancellation", acme.key(), "{\"reason\":\"changed my mind\"}")
			.status()).isEqualTo(200);

		// each change with the copy of its message, which the dispatcher appends a moment after the change
		eventually("both messages are copied to the stream",
				() -> count("select count(*) from notification where channel = 'LIVE' and status = 'SENT'") == 3);
		try (EventStream resumed = api.stream("/api/v1/orders/" + orderId + "/live", acme.key(), lastEventId)) {
			List<EventStream.Event> missed = resumed.next(4, SOON);
			List<EventStream.Event> changes = changes(missed);
			assertThat(changes).extracting(EventStream.Event::type).containsExactly("order.stocked", "order.cancelled");
			assertThat(changes.get(0).json().get("correction").asBoolean()).isTrue();
			assertThat(changes.get(1).json().get("reason").asString()).isEqualTo("changed my mind");
			assertThat(copies(missed)).containsExactlyInAnyOrder("STOCKED", "CANCELLED");
			assertThat(resumed.next(Duration.ofMillis(600))).as("nothing twice, nothing else").isNull();
		}

		// the same through the query parameter, for clients that cannot set headers; the station sees it too
		try (EventStream resumed = api.stream("/api/v1/orders/" + orderId + "/live?lastEventId=" + lastEventId,
				laVella.key(), null)) {
			List<EventStream.Event> missed = resumed.next(4, SOON);
			assertThat(changes(missed)).extracting(EventStream.Event::type)
				.containsExactly("order.stocked", "order.cancelled");
			assertThat(copies(missed)).containsExactlyInAnyOrder("STOCKED", "CANCELLED");
		}
	}

	/** The order's changes among the events, without the copies of the customer's messages. */
	private static List<EventStream.Event> changes(List<EventStream.Event> events) {
		return events.stream().filter(e -> !e.type().equals(LiveFeed.MESSAGE)).toList();
	}

	/** The kinds of the customer's messages copied among the events. */
	private static List<String> copies(List<EventStream.Event> events) {
		return events.stream()
			.filter(e -> e.type().equals(LiveFeed.MESSAGE))
			.map(e -> e.json().get("kind").asString())
			.toList();
	}

	@Test
	void aCopyOfEachCustomerMessageGoesToTheOrdersStreamOnceAndNotToTheStations() {
		String orderId = fixtures.place(acme, Fixtures.order("M-1", 42.507, 1.52, "m1@example.com", "en"));
		try (EventStream station = api.stream("/api/v1/stations/" + laVella.id() + "/live", laVella.key(), null);
				EventStream order = api.stream("/api/v1/orders/" + orderId + "/live", acme.key(), null)) {
			eventually("the station's stream set a Last-Event-ID to resume from", () -> station.lastEventId() != null);
			assertThat(order.next(SOON).type()).isEqualTo("order.assigned");

			assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", laVella.key(), "{\"status\":\"STOCKED\"}")
				.status()).isEqualTo(200);

			List<EventStream.Event> events = order.next(2, SOON);
			assertThat(events).extracting(EventStream.Event::type).containsExactly("order.stocked", LiveFeed.MESSAGE);
			JsonNode copy = events.get(1).json();
			assertThat(copy.get("kind").asString()).isEqualTo("STOCKED");
			assertThat(copy.get("subject").asString()).isEqualTo("Your order M-1 is ready");
			assertThat(copy.get("text").asString()).startsWith("Good news: the goods of your order M-1")
				.contains("2 x Green tea");
			assertThat(order.next(Duration.ofMillis(600))).isNull();
			// the station's screen gets the change, not the customer's message
			assertThat(station.next(SOON).type()).isEqualTo("order.stocked");
			assertThat(station.next(Duration.ofMillis(600))).isNull();
		}
		// the customer got one email, the merchant's systems (no webhook here) nothing, the stream one copy
		eventually("every notification is sent", () -> jdbc.sql("""
				select channel || ':' || status from notification where order_id = ?::uuid order by channel""")
			.param(orderId).query(String.class).list().equals(List.of("EMAIL:SENT", "LIVE:SENT", "LOG:SENT")));
		assertThat(count("select count(*) from live_event where order_id = ?::uuid and type = ?",
				UUID.fromString(orderId), LiveFeed.MESSAGE)).isEqualTo(1);
	}

	@Test
	void aCopySentAgainAfterACrashIsNotAddedTwice() {
		String orderId = fixtures.place(acme, Fixtures.order("M-2", 42.507, 1.52, "m2@example.com", "en"));
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", laVella.key(), "{\"status\":\"STOCKED\"}")
			.status()).isEqualTo(200);
		eventually("the copy is sent", () -> count(
				"select count(*) from notification where channel = 'LIVE' and status = 'SENT'") == 1);
		var row = jdbc.sql("""
				select id, kind, subject, body from notification where order_id = ?::uuid and channel = 'LIVE'""")
			.param(orderId)
			.query((rs, n) -> new Message(rs.getObject(1, UUID.class), UUID.fromString(orderId), UUID.fromString(acme.id()),
					NotificationKind.valueOf(rs.getString(2)), "M-2", "en", rs.getString(3), rs.getString(4), null, 2))
			.single();

		// the dispatcher sends it again, as it would when the node died before writing SENT
		assertThat(channel.send(row).result()).isEqualTo(SendOutcome.Result.SENT);

		assertThat(count("select count(*) from live_event where order_id = ?::uuid and type = ?",
				UUID.fromString(orderId), LiveFeed.MESSAGE)).isEqualTo(1);
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
		assertProblem(stream.refusal(), 404);
	}

}
