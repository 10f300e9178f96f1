package io.herald.support;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds merchants, stations and orders through the public API, as a user would. */
public final class Fixtures {

	/** A square around Andorra la Vella's centre, in GeoJSON [lon, lat] order. */
	public static final String ANDORRA_LA_VELLA = """
			{"type":"Polygon","coordinates":[[[1.49,42.49],[1.55,42.49],[1.55,42.52],[1.49,42.52],[1.49,42.49]]]}""";

	/** A square around Encamp. */
	public static final String ENCAMP = """
			{"type":"Polygon","coordinates":[[[1.56,42.52],[1.61,42.52],[1.61,42.55],[1.56,42.55],[1.56,42.52]]]}""";

	private final Api api;

	public Fixtures(Api api) {
		this.api = api;
	}

	public Merchant merchant(String name, String webhookUrl) {
		var response = api.post("/api/v1/merchants", IntegrationTestBase.ADMIN_KEY,
				"{\"name\":\"" + name + "\",\"webhookUrl\":" + (webhookUrl == null ? "null" : "\"" + webhookUrl + "\"") + "}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode json = response.json();
		return new Merchant(json.get("id").asString(), json.get("apiKey").asString(),
				json.get("webhookSecret").asString());
	}

	public Station station(String name, double lat, double lon, String area, String... regionCodes) {
		String codes = regionCodes.length == 0 ? "[]" : "[\"" + String.join("\",\"", regionCodes) + "\"]";
		var response = api.post("/api/v1/stations", IntegrationTestBase.ADMIN_KEY, "{\"name\":\"" + name
				+ "\",\"depot\":{\"lat\":" + lat + ",\"lon\":" + lon + "},\"serviceArea\":" + area
				+ ",\"regionCodes\":" + codes + "}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return new Station(response.json().get("station").get("id").asString(), response.json().get("apiKey").asString());
	}

	public static String order(String number, double lat, double lon, String email, String locale) {
		return """
				{"orderNumber":"%s","destination":{"address":"Av. Meritxell 20, Andorra la Vella","lat":%s,"lon":%s},
				 "items":[{"sku":"TEA-1","name":"Green tea","quantity":2},{"sku":"CUP-1","name":"Tea cup","quantity":1}],
				 "customer":{"name":"Li Wei","phone":"+8613800138000","email":%s,"locale":"%s","timeZone":"Asia/Shanghai"}}"""
			.formatted(number, lat, lon, email == null ? "null" : "\"" + email + "\"", locale);
	}

	public String place(Merchant merchant, String orderJson) {
		var response = api.post("/api/v1/orders", merchant.key(), orderJson);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.json().get("id").asString();
	}

	/** A sign-in account for the station's staff (station app); its password is {@link #PASSWORD}. */
	public Account stationAccount(Station station, String username) {
		return account(username, "\"STATION\",\"stationId\":\"" + station.id() + "\"");
	}

	/** An operator's sign-in account (console); its password is {@link #PASSWORD}. */
	public Account operatorAccount(String username) {
		return account(username, "\"ADMIN\"");
	}

	/** The password of the accounts these fixtures create. */
	public static final String PASSWORD = "correct horse battery staple";

	private Account account(String username, String roleJson) {
		var response = api.post("/api/v1/accounts", IntegrationTestBase.ADMIN_KEY,
				"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"role\":" + roleJson + "}");
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return new Account(response.json().get("id").asString(), username, PASSWORD);
	}

	public record Account(String id, String username, String password) {
	}

	public record Merchant(String id, String key, String webhookSecret) {
	}

	public record Station(String id, String key) {
	}

}
