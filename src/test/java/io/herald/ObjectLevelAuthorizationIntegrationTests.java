package io.herald;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import io.herald.support.Api;
import io.herald.support.Fixtures;
import io.herald.support.Fixtures.Merchant;
import io.herald.support.Fixtures.Station;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TableSnapshot;
import io.herald.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Object-level authorisation (OWASP API1:2023), as a matrix: every API operation that names an object (an id in its
 * path, or order ids in its body) is called on objects of merchant A and station A by each kind of caller: no key,
 * an operator, merchant A, merchant B, station A and station B.
 * <p>
 * A caller the operation is not for is refused (401 without a key, 403 or 404 with one), learns nothing about the
 * object (its order number and customer are not in the answer) and changes nothing (every table is the same after
 * the refusal, compared by a hash of its rows). The callers it is for are let through (no 401/403/404, no 5xx): that
 * also proves the ids and bodies used here are right, so a refusal is the authorisation's doing and not a typo's.
 * <p>
 * The table below must name every {@code /api/} operation with a path variable that Spring MVC maps: a new one fails
 * this test until someone has decided who may call it.
 */
class ObjectLevelAuthorizationIntegrationTests extends IntegrationTestBase {

	enum Who {
		NONE, ADMIN, MERCHANT, OTHER_MERCHANT, STATION, OTHER_STATION
	}

	private static final Set<Who> ADMIN_ONLY = EnumSet.of(Who.ADMIN);

	private static final Set<Who> OWN_MERCHANT = EnumSet.of(Who.ADMIN, Who.MERCHANT);

	private static final Set<Who> OWN_STATION = EnumSet.of(Who.ADMIN, Who.STATION);

	private static final Set<Who> STATION_ONLY = EnumSet.of(Who.STATION);

	private static final Set<Who> OWNERS = EnumSet.of(Who.ADMIN, Who.MERCHANT, Who.STATION);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	/** The objects of one row of the matrix, fresh for it: an owner's call may change or remove them. */
	private record World(String order, String orderNumber, String stockedOrder, String route, String routedOrder,
			String subscription, String spareStation, String account, String key, String dead) {
	}

	/**
	 * One operation: its path pattern as Spring MVC maps it, who may call it, and how to call it on the world's
	 * objects. A body of null sends none. A batch operation ({@code perItem}) that names the objects in its body
	 * answers a caller of the right role for each item: for someone else's it must refuse the item (or the whole
	 * request) and change nothing.
	 */
	private record Operation(String method, String pattern, Set<Who> allowed, Function<World, String> path,
			Function<World, String> body, boolean perItem) {

		String name() {
			return method + " " + pattern;
		}

	}

	private TableSnapshot tables;

	private Merchant merchant;

	private Merchant otherMerchant;

	private Station station;

	/** Merchant A's subscription whose deliveries all die, re-enabled for every world (failures disable it). */
	private String deadSubscription;

	private Station otherStation;

	private static final String STOCKED = "{\"status\":\"STOCKED\"}";

	private static final String COURIER = "{\"name\":\"Pau\",\"phone\":\"+376312345\",\"vehicleProfile\":\"BIKE\"}";

	private List<Operation> operations() {
		return List.of(
				// orders
				op("GET", "/api/v1/orders/{id}", OWNERS, w -> "/api/v1/orders/" + w.order(), null),
				op("GET", "/api/v1/orders/{id}/events", OWNERS, w -> "/api/v1/orders/" + w.order() + "/events", null),
				op("GET", "/api/v1/orders/by-number/{orderNumber}", EnumSet.of(Who.MERCHANT),
						w -> "/api/v1/orders/by-number/" + w.orderNumber(), null),
				op("POST", "/api/v1/orders/{id}/assignment", OWN_MERCHANT,
						w -> "/api/v1/orders/" + w.order() + "/assignment", w -> "{}"),
				op("POST", "/api/v1/orders/{id}/cancellation", OWN_MERCHANT,
						w -> "/api/v1/orders/" + w.order() + "/cancellation", w -> "{\"reason\":\"changed my mind\"}"),
				op("GET", "/api/v1/orders/{orderId}/delivery", OWNERS,
						w -> "/api/v1/orders/" + w.routedOrder() + "/delivery", null),
				op("GET", "/api/v1/orders/{orderId}/notifications", OWNERS,
						w -> "/api/v1/orders/" + w.order() + "/notifications", null),
				op("GET", "/api/v1/orders/{orderId}/live", OWNERS, w -> "/api/v1/orders/" + w.order() + "/live", null),
				// stocking
				op("POST", "/api/v1/orders/{orderId}/stocking", STATION_ONLY,
						w -> "/api/v1/orders/" + w.order() + "/stocking", w -> STOCKED),
				op("POST", "/api/v1/orders/{orderId}/stocking/correction", OWN_STATION,
						w -> "/api/v1/orders/" + w.stockedOrder() + "/stocking/correction",
						w -> "{\"status\":\"FAILED\",\"reason\":\"OUT_OF_STOCK\"}"),
				batch("POST", "/api/v1/stocking-reports", STATION_ONLY, w -> "/api/v1/stocking-reports",
						w -> "{\"reports\":[{\"orderId\":\"" + w.order() + "\",\"status\":\"STOCKED\"}]}"),
				// stations
				op("GET", "/api/v1/stations/{id}", EnumSet.of(Who.ADMIN, Who.MERCHANT, Who.OTHER_MERCHANT, Who.STATION),
						w -> "/api/v1/stations/" + station.id(), null),
				op("GET", "/api/v1/stations/{stationId}/orders", OWN_STATION,
						w -> "/api/v1/stations/" + station.id() + "/orders", null),
				op("GET", "/api/v1/stations/{stationId}/live", OWN_STATION,
						w -> "/api/v1/stations/" + station.id() + "/live", null),
				op("PUT", "/api/v1/stations/{id}", ADMIN_ONLY, w -> "/api/v1/stations/" + w.spareStation(),
						w -> "{\"name\":\"Spare\",\"depot\":{\"lat\":41.0,\"lon\":2.0}}"),
				op("DELETE", "/api/v1/stations/{id}", ADMIN_ONLY, w -> "/api/v1/stations/" + w.spareStation(), null),
				op("POST", "/api/v1/stations/{id}/keys", ADMIN_ONLY, w -> "/api/v1/stations/" + w.spareStation() + "/keys",
						null),
				// routes
				op("POST", "/api/v1/routes", STATION_ONLY, w -> "/api/v1/routes",
						w -> "{\"courier\":" + COURIER + ",\"orderIds\":[\"" + w.stockedOrder() + "\"]}"),
				op("POST", "/api/v1/routes/split", STATION_ONLY, w -> "/api/v1/routes/split",
						w -> "{\"couriers\":[{\"name\":\"Pau\",\"capacityItems\":10}],\"orderIds\":[\"" + w.stockedOrder()
								+ "\"]}"),
				op("GET", "/api/v1/routes/{id}", OWN_STATION, w -> "/api/v1/routes/" + w.route(), null),
				op("POST", "/api/v1/routes/{id}/start", STATION_ONLY, w -> "/api/v1/routes/" + w.route() + "/start",
						null),
				op("POST", "/api/v1/routes/{id}/stops/{orderId}/outcome", STATION_ONLY,
						w -> "/api/v1/routes/" + w.route() + "/stops/" + w.routedOrder() + "/outcome",
						w -> "{\"outcome\":\"DELIVERED\"}"),
				op("POST", "/api/v1/routes/{id}/positions", STATION_ONLY,
						w -> "/api/v1/routes/" + w.route() + "/positions", w -> "{\"lat\":42.5,\"lon\":1.52}"),
				op("POST", "/api/v1/routes/{id}/replan", STATION_ONLY, w -> "/api/v1/routes/" + w.route() + "/replan",
						w -> "{\"add\":[\"" + w.stockedOrder() + "\"]}"),
				// merchants
				op("GET", "/api/v1/merchants/{id}", OWN_MERCHANT, w -> "/api/v1/merchants/" + merchant.id(), null),
				op("PUT", "/api/v1/merchants/{id}/webhook", OWN_MERCHANT,
						w -> "/api/v1/merchants/" + merchant.id() + "/webhook",
						w -> "{\"url\":\"" + receiver().url("/changed") + "\"}"),
				op("POST", "/api/v1/merchants/{id}/keys", ADMIN_ONLY, w -> "/api/v1/merchants/" + merchant.id() + "/keys",
						null),
				// webhook subscriptions
				op("GET", "/api/v1/webhooks/subscriptions/{id}", OWN_MERCHANT,
						w -> "/api/v1/webhooks/subscriptions/" + w.subscription(), null),
				op("PUT", "/api/v1/webhooks/subscriptions/{id}", OWN_MERCHANT,
						w -> "/api/v1/webhooks/subscriptions/" + w.subscription(),
						w -> "{\"url\":\"" + receiver().url("/moved") + "\"}"),
				op("DELETE", "/api/v1/webhooks/subscriptions/{id}", OWN_MERCHANT,
						w -> "/api/v1/webhooks/subscriptions/" + w.subscription(), null),
				op("POST", "/api/v1/webhooks/subscriptions/{id}/rotate-secret", OWN_MERCHANT,
						w -> "/api/v1/webhooks/subscriptions/" + w.subscription() + "/rotate-secret", null),
				op("POST", "/api/v1/webhooks/subscriptions/{id}/enable", OWN_MERCHANT,
						w -> "/api/v1/webhooks/subscriptions/" + w.subscription() + "/enable", null),
				// dead notifications
				op("POST", "/api/v1/notifications/{id}/redrive", OWN_MERCHANT,
						w -> "/api/v1/notifications/msg_" + w.dead() + "/redrive", null),
				op("POST", "/api/v1/deliveries/{id}/redrive", OWN_MERCHANT,
						w -> "/api/v1/deliveries/msg_" + w.dead() + "/redrive", null),
				batch("POST", "/api/v1/notifications/redrive", OWN_MERCHANT, w -> "/api/v1/notifications/redrive",
						w -> "{\"ids\":[\"msg_" + w.dead() + "\"]}"),
				// templates: the kind is not an object of anyone's
				op("GET", "/api/v1/templates/{kind}/preview", EnumSet.of(Who.ADMIN, Who.MERCHANT, Who.OTHER_MERCHANT),
						w -> "/api/v1/templates/STOCKED/preview", null),
				// operators' objects
				op("PUT", "/api/v1/accounts/{id}/password", ADMIN_ONLY, w -> "/api/v1/accounts/" + w.account() + "/password",
						w -> "{\"password\":\"another horse battery staple\"}"),
				op("DELETE", "/api/v1/accounts/{id}", ADMIN_ONLY, w -> "/api/v1/accounts/" + w.account(), null),
				op("POST", "/api/v1/accounts/{id}/enable", ADMIN_ONLY, w -> "/api/v1/accounts/" + w.account() + "/enable",
						null),
				op("POST", "/api/v1/keys/{id}/rotation", ADMIN_ONLY, w -> "/api/v1/keys/" + w.key() + "/rotation", null),
				op("DELETE", "/api/v1/keys/{id}", ADMIN_ONLY, w -> "/api/v1/keys/" + w.key(), null));
	}

	private static Operation op(String method, String pattern, Set<Who> allowed, Function<World, String> path,
			Function<World, String> body) {
		return new Operation(method, pattern, allowed, path, body, false);
	}

	private static Operation batch(String method, String pattern, Set<Who> allowed, Function<World, String> path,
			Function<World, String> body) {
		return new Operation(method, pattern, allowed, path, body, true);
	}

	@Test
	void everyOperationOnAnObjectIsRefusedToEveryoneItIsNotFor() {
		tables = new TableSnapshot(jdbc);
		merchant = fixtures.merchant("Merchant A", receiver().url("/a"));
		// every delivery to it dies: the dead notifications to re-drive (the matrix changes merchant A's own URL)
		var dead = api.post("/api/v1/webhooks/subscriptions", merchant.key(),
				"{\"url\":\"" + WebhookReceiver.deadUrl() + "\"}");
		assertThat(dead.status()).as(dead.toString()).isEqualTo(201);
		deadSubscription = dead.json().get("subscription").get("id").asString();
		otherMerchant = fixtures.merchant("Merchant B", receiver().url("/b"));
		station = fixtures.station("Station A", 42.507, 1.521, Fixtures.ANDORRA_LA_VELLA);
		otherStation = fixtures.station("Station B", 42.535, 1.58, Fixtures.ENCAMP);
		Map<Who, String> keys = new LinkedHashMap<>();
		keys.put(Who.NONE, null);
		keys.put(Who.ADMIN, ADMIN_KEY);
		keys.put(Who.MERCHANT, merchant.key());
		keys.put(Who.OTHER_MERCHANT, otherMerchant.key());
		keys.put(Who.STATION, station.key());
		keys.put(Who.OTHER_STATION, otherStation.key());

		List<Operation> operations = operations();
		assertThat(operations.stream().map(Operation::name).toList())
			.as("every API operation that names an object in its path is in the matrix")
			.containsAll(operationsWithPathVariables());

		List<String> failures = new ArrayList<>();
		StringBuilder matrix = new StringBuilder();
		int n = 0;
		for (Operation operation : operations) {
			boolean redrive = operation.pattern().contains("redrive");
			World world = world(n++, redrive);
			matrix.append(String.format("%-62s", operation.name()));
			// the refused first, on the same objects, between two snapshots of every table; then each caller it is
			// for, on objects of its own when the operation may change them (a second owner would find the
			// subscription the first one deleted)
			List<Who> refused = keys.keySet().stream().filter(who -> !operation.allowed().contains(who)).toList();
			String before = snapshot();
			for (Who who : refused) {
				check(operation, who, world, keys, matrix, failures);
			}
			String after = snapshot();
			if (!before.equals(after)) {
				failures.add(operation.name() + " as " + refused + ": changed stored state: " + TableSnapshot.difference(before, after));
			}
			boolean first = true;
			for (Who who : operation.allowed()) {
				if (!first && !operation.method().equals("GET")) {
					world = world(n++, redrive);
				}
				first = false;
				check(operation, who, world, keys, matrix, failures);
			}
			matrix.append('\n');
		}
		System.out.println("Object-level authorisation matrix (status per caller):\n" + matrix);
		assertThat(failures).as("object-level authorisation").isEmpty();
	}

	private void check(Operation operation, Who who, World world, Map<Who, String> keys, StringBuilder matrix,
			List<String> failures) {
		var response = call(operation.method(), operation.path().apply(world),
				operation.body() == null ? null : operation.body().apply(world), keys.get(who));
		matrix.append(' ').append(who.name().toLowerCase()).append('=').append(response.status());
		String problem = judge(operation, who, response, world);
		if (problem != null) {
			failures.add(operation.name() + " as " + who + ": " + problem + " (" + response + ")");
		}
	}

	/** Null when the answer is what this caller must get, else what is wrong with it. */
	private static String judge(Operation operation, Who who, Api.Response response, World world) {
		int status = response.status();
		if (status >= 500) {
			return "server error";
		}
		if (operation.allowed().contains(who)) {
			return status == 401 || status == 403 || status == 404 ? "refused to a caller it is for" : null;
		}
		if (who == Who.NONE && status != 401) {
			return "not 401 without a key";
		}
		boolean itemsRefused = operation.perItem() && status < 300;
		if (who != Who.NONE && status != 403 && status != 404 && !itemsRefused) {
			return "not refused with 403 or 404";
		}
		if (!itemsRefused && !response.contentType().startsWith("application/problem+json")) {
			return "refusal is not problem+json";
		}
		// the order number the caller sent itself may come back in the detail; nothing else of the order may
		boolean askedByNumber = operation.pattern().contains("{orderNumber}");
		if ((!askedByNumber && response.body().contains(world.orderNumber())) || response.body().contains("Li Wei")) {
			return "refusal tells about the object";
		}
		return null;
	}

	/**
	 * Fresh objects of merchant A and station A: an order placed and assigned, one stocked, a route of a third; a
	 * webhook subscription, a spare station, a station account and a merchant key; and when asked, a dead notification of
	 * the stocked one (to merchant A's subscription that refuses connections).
	 */
	private World world(int n, boolean withDeadNotification) {
		var enabled = api.post("/api/v1/webhooks/subscriptions/" + deadSubscription + "/enable", merchant.key(), null);
		assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
		String number = "OLA-" + n + "-" + UUID.randomUUID().toString().substring(0, 8);
		String order = fixtures.place(merchant, Fixtures.order(number, 42.507, 1.521, "li" + n + "@example.com", "en"));
		String stocked = fixtures.place(merchant, Fixtures.order(number + "-S", 42.506, 1.522, null, "en"));
		String routed = fixtures.place(merchant, Fixtures.order(number + "-R", 42.508, 1.520, null, "en"));
		for (String id : List.of(stocked, routed)) {
			var report = api.post("/api/v1/orders/" + id + "/stocking", station.key(), STOCKED);
			assertThat(report.status()).as(report.toString()).isEqualTo(200);
		}
		var route = api.post("/api/v1/routes", station.key(),
				"{\"courier\":" + COURIER + ",\"orderIds\":[\"" + routed + "\"]}");
		assertThat(route.status()).as(route.toString()).isEqualTo(201);
		var subscription = api.post("/api/v1/webhooks/subscriptions", merchant.key(),
				"{\"url\":\"" + receiver().url("/sub") + "\"}");
		assertThat(subscription.status()).as(subscription.toString()).isEqualTo(201);
		var spare = api.post("/api/v1/stations", ADMIN_KEY,
				"{\"name\":\"Spare " + n + "\",\"depot\":{\"lat\":41.0,\"lon\":2.0}}");
		assertThat(spare.status()).as(spare.toString()).isEqualTo(201);
		var account = api.post("/api/v1/accounts", ADMIN_KEY, "{\"username\":\"staff-" + n
				+ "\",\"password\":\"" + Fixtures.PASSWORD + "\",\"role\":\"STATION\",\"stationId\":\"" + station.id() + "\"}");
		assertThat(account.status()).as(account.toString()).isEqualTo(201);
		var key = api.post("/api/v1/merchants/" + merchant.id() + "/keys", ADMIN_KEY, null);
		assertThat(key.status()).as(key.toString()).isEqualTo(201);
		String dead = null;
		if (withDeadNotification) {
			eventually("a dead notification of merchant A", () -> count(
					"select count(*) from notification where order_id = ?::uuid and status = 'DEAD'", stocked) > 0);
			dead = jdbc.sql("select id::text from notification where order_id = ?::uuid and status = 'DEAD' limit 1")
				.param(stocked)
				.query(String.class)
				.single();
		}
		return new World(order, number, stocked, route.text("id"), routed,
				subscription.json().get("subscription").get("id").asString(),
				spare.json().get("station").get("id").asString(), account.text("id"), key.text("id"), dead);
	}

	/** The API operations Spring MVC maps with a variable in their path, as "METHOD pattern". */
	private Set<String> operationsWithPathVariables() {
		Set<String> names = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/") && pattern.contains("{")) {
					info.getMethodsCondition().getMethods().forEach(method -> names.add(method.name() + " " + pattern));
				}
			}
		});
		return names;
	}

	/**
	 * Every application table's rows, hashed ({@link TableSnapshot}), waiting first until the outbox has nothing more
	 * to send (a send in flight would change a row under the comparison).
	 */
	private String snapshot() {
		awaitIdleOutbox();
		return tables.take();
	}

	/**
	 * One request. An event stream that opens is answered by its status alone: its body never ends.
	 */
	private Api.Response call(String method, String path, String body, String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		try {
			HttpResponse<java.io.InputStream> response = HTTP.send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			try (var in = response.body()) {
				String text = contentType.startsWith("text/event-stream") ? ""
						: new String(in.readAllBytes(), StandardCharsets.UTF_8);
				return new Api.Response(response.statusCode(), contentType, text);
			}
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
