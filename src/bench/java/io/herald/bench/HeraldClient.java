package io.herald.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Herald's public HTTP API as the benchmark's merchants and stations use it, over real HTTP on loopback. Requests
 * are built by hand as JSON text: the load generator should cost as little CPU as possible, since it shares the two
 * cores with Herald and PostgreSQL.
 */
final class HeraldClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Andorra la Vella, in GeoJSON [lon, lat] order; every benchmark order lies inside it. */
	static final double LAT_MIN = 42.49, LAT_MAX = 42.52, LON_MIN = 1.49, LON_MAX = 1.55;

	private final String base;

	// HTTP/1.1 with pooled keep-alive connections, as most station and merchant integrations talk
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	HeraldClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	record Merchant(String id, String apiKey, String webhookSecret) {
	}

	record Station(String id, String apiKey) {
	}

	Merchant createMerchant(String adminKey, String name, String webhookUrl) {
		JsonNode json = expect(201, post("/api/v1/merchants", adminKey,
				"{\"name\":\"" + name + "\",\"webhookUrl\":\"" + webhookUrl + "\"}"));
		return new Merchant(json.get("id").asString(), json.get("apiKey").asString(),
				json.get("webhookSecret").asString());
	}

	/** A station whose service area covers every benchmark order, so assignment by polygon always succeeds. */
	Station createStation(String adminKey, String name) {
		return createStation(adminKey, name, LAT_MIN, LAT_MAX, LON_MIN, LON_MAX);
	}

	/** A station whose service area is this rectangle, with its depot in the middle. */
	Station createStation(String adminKey, String name, double latMin, double latMax, double lonMin, double lonMax) {
		double lat = (latMin + latMax) / 2, lon = (lonMin + lonMax) / 2;
		String area = """
				{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}""".formatted(lonMin,
				latMin, lonMax, latMin, lonMax, latMax, lonMin, latMax, lonMin, latMin);
		JsonNode json = expect(201, post("/api/v1/stations", adminKey, "{\"name\":\"" + name
				+ "\",\"depot\":{\"lat\":" + lat + ",\"lon\":" + lon + "},\"serviceArea\":" + area
				+ ",\"regionCodes\":[]}"));
		return new Station(json.get("station").get("id").asString(), json.get("apiKey").asString());
	}

	/**
	 * Places orders in one batch request and returns their ids in request order.
	 * @throws IllegalStateException unless every order was CREATED and ASSIGNED
	 */
	List<UUID> placeOrders(String merchantKey, List<String> orderNumbers, IntFunction<double[]> where) {
		StringBuilder body = new StringBuilder(orderNumbers.size() * 400).append("{\"orders\":[");
		for (int i = 0; i < orderNumbers.size(); i++) {
			double[] latLon = where.apply(i);
			if (i > 0) {
				body.append(',');
			}
			body.append("{\"orderNumber\":\"").append(orderNumbers.get(i))
				.append("\",\"destination\":{\"address\":\"Av. Meritxell 20, Andorra la Vella\",\"lat\":")
				.append(latLon[0]).append(",\"lon\":").append(latLon[1])
				.append("},\"items\":[{\"sku\":\"TEA-1\",\"name\":\"Green tea\",\"quantity\":2},")
				.append("{\"sku\":\"CUP-1\",\"name\":\"Tea cup\",\"quantity\":1}],")
				.append("\"customer\":{\"name\":\"Li Wei\",\"phone\":\"+376600000\",\"locale\":\"en\",")
				.append("\"timeZone\":\"Europe/Andorra\"}}");
		}
		body.append("]}");
		JsonNode json = expect(200, postHonouringBackPressure("/api/v1/orders/batch", merchantKey, body.toString()));
		List<UUID> ids = new ArrayList<>(orderNumbers.size());
		for (JsonNode result : json.get("results")) {
			if (!"CREATED".equals(result.path("status").asString()) || !"ASSIGNED".equals(result.path("state").asString())) {
				throw new IllegalStateException("order not created and assigned: " + result);
			}
			ids.add(UUID.fromString(result.get("id").asString()));
		}
		return ids;
	}

	/** The request body of a batch of STOCKED reports. */
	static String stockedReports(List<UUID> orderIds) {
		StringBuilder body = new StringBuilder(orderIds.size() * 70).append("{\"reports\":[");
		for (int i = 0; i < orderIds.size(); i++) {
			body.append(i == 0 ? "" : ",").append("{\"orderId\":\"").append(orderIds.get(i))
				.append("\",\"status\":\"STOCKED\"}");
		}
		return body.append("]}").toString();
	}

	HttpResponse<String> reportStocking(String stationKey, String body) {
		return send(request("/api/v1/stocking-reports", stationKey, body));
	}

	/**
	 * One stocking request, built before a phase starts so that the load generator spends its CPU on sending: a
	 * single report ({@code POST /api/v1/orders/{id}/stocking}, as the station app sends a tap) or a batch.
	 */
	record StockingPost(List<UUID> orders, HttpRequest request, boolean single) {

		/**
		 * The orders this answer says were applied; everything else (UNCHANGED, NOT_FOUND, CONFLICT, INVALID, or an
		 * HTTP error) was not accepted and is not expected to produce a message.
		 */
		List<UUID> applied(HttpResponse<String> response) {
			if (response.statusCode() != 200) {
				return List.of();
			}
			if (single) {
				// {"applied":true,"order":{...}}: a string test, no JSON parsing in the generator
				return response.body().contains("\"applied\":true") ? orders : List.of();
			}
			return HeraldClient.applied(response);
		}

	}

	StockingPost singleReport(String stationKey, UUID orderId) {
		return new StockingPost(List.of(orderId),
				request("/api/v1/orders/" + orderId + "/stocking", stationKey, "{\"status\":\"STOCKED\"}"), true);
	}

	StockingPost batchReport(String stationKey, List<UUID> orderIds) {
		return new StockingPost(orderIds, request("/api/v1/stocking-reports", stationKey, stockedReports(orderIds)), false);
	}

	CompletableFuture<HttpResponse<String>> sendAsync(StockingPost post) {
		return http.sendAsync(post.request(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> send(StockingPost post) {
		return send(post.request());
	}

	/**
	 * Back-pressure: how long Herald asks to wait before the request is sent again (429 or 503 with Retry-After, in
	 * seconds; 1 s if it names none), or -1 if the answer is not back-pressure.
	 */
	static long retryAfterMillis(HttpResponse<?> response) {
		if (response.statusCode() != 429 && response.statusCode() != 503) {
			return -1;
		}
		try {
			return response.headers().firstValue("Retry-After")
				.map(v -> Math.round(Double.parseDouble(v.trim()) * 1000))
				.map(ms -> Math.max(0, Math.min(ms, 30_000)))
				.orElse(1000L);
		}
		catch (NumberFormatException e) {
			// an HTTP date: rare, and a second is what most servers mean by it
			return 1000;
		}
	}

	/**
	 * Order ids the response reports APPLIED; everything else (UNCHANGED, NOT_FOUND, CONFLICT, INVALID, or an HTTP
	 * error) was not accepted and is not expected to produce a webhook.
	 */
	static List<UUID> applied(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			return List.of();
		}
		List<UUID> applied = new ArrayList<>();
		for (JsonNode result : JSON.readTree(response.body()).get("results")) {
			if ("APPLIED".equals(result.path("status").asString())) {
				applied.add(UUID.fromString(result.get("orderId").asString()));
			}
		}
		return applied;
	}

	/**
	 * Posts, and while Herald answers 503 (back-pressure: it changed nothing) waits as its Retry-After says and posts
	 * again, as a real client would; gives up after two minutes.
	 */
	private HttpResponse<String> postHonouringBackPressure(String path, String key, String json) {
		long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		HttpResponse<String> response = post(path, key, json);
		while (response.statusCode() == 503 && System.nanoTime() < giveUp) {
			long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
			try {
				Thread.sleep(seconds * 1000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			response = post(path, key, json);
		}
		return response;
	}

	private HttpResponse<String> post(String path, String key, String json) {
		return send(request(path, key, json));
	}

	private HttpRequest request(String path, String key, String json) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofMinutes(2))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new IllegalStateException(request.uri() + ": " + e, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static JsonNode expect(int status, HttpResponse<String> response) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return JSON.readTree(response.body());
	}

}
