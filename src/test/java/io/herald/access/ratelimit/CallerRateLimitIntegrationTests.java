package io.herald.access.ratelimit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits per API key and per tracking token: a merchant over its limit gets 429 problem+json with
 * {@code Retry-After} and the {@code RateLimit} fields while another merchant is served; the bucket refills; a
 * tracking token over its limit gets 429 while another token is served; operators are exempt unless configured.
 */
@TestPropertySource(properties = { "herald.rate-limits.merchant.requests=5", "herald.rate-limits.merchant.period=1m",
		"herald.rate-limits.station.requests=4", "herald.rate-limits.station.period=2s",
		"herald.rate-limits.tracking.requests=3", "herald.rate-limits.tracking.period=1m" })
class CallerRateLimitIntegrationTests extends IntegrationTestBase {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aNoisyMerchantGets429WithTheFieldsWhileAnotherMerchantIsServed() throws Exception {
		var noisy = fixtures.merchant("Noisy", receiver().url("/noisy"));
		var quiet = fixtures.merchant("Quiet", receiver().url("/quiet"));

		HttpResponse<String> first = get("/api/v1/merchants/" + noisy.id(), noisy.key());
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"merchant\";q=5;w=60");
		assertThat(first.headers().firstValue("RateLimit").orElseThrow()).matches("\"merchant\";r=4;t=\\d+");

		// the burst is 5: a refill of one token takes 12 s, so at most one more may slip in on a slow machine
		int served = 1;
		HttpResponse<String> refused = null;
		for (int i = 0; i < 10 && refused == null; i++) {
			HttpResponse<String> response = get("/api/v1/merchants/" + noisy.id(), noisy.key());
			if (response.statusCode() == 429) {
				refused = response;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(200);
				served++;
			}
		}
		assertThat(refused).as("refused within 10 requests").isNotNull();
		assertThat(served).isBetween(5, 6);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(JSON.readTree(refused.body()).get("type").asString()).isEqualTo("urn:herald:problem:rate-limited");
		assertThat(JSON.readTree(refused.body()).get("status").asInt()).isEqualTo(429);
		long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 12L);
		assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"merchant\";q=5;w=60");
		assertThat(refused.headers().firstValue("RateLimit")).hasValue("\"merchant\";r=0;t=" + retryAfter);
		// a refused write changes nothing
		long orders = count("select count(*) from customer_order");
		assertThat(post("/api/v1/orders", noisy.key(), "{}").statusCode()).isEqualTo(429);
		assertThat(count("select count(*) from customer_order")).isEqualTo(orders);

		// the other merchant is not touched by the noisy one
		HttpResponse<String> other = get("/api/v1/merchants/" + quiet.id(), quiet.key());
		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(other.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"merchant\";r=4;");

		// operators are exempt unless herald.rate-limits.operator is set
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> admin = get("/api/v1/merchants/" + noisy.id(), ADMIN_KEY);
			assertThat(admin.statusCode()).isEqualTo(200);
			assertThat(admin.headers().firstValue("RateLimit")).isEmpty();
		}
	}

	@Test
	void aStationsLimitResetsAfterItsWindow() throws Exception {
		var station = fixtures.station("La Vella", 42.5063, 1.5218, io.herald.support.Fixtures.ANDORRA_LA_VELLA);
		String path = "/api/v1/stations/" + station.id();
		int served = 0;
		HttpResponse<String> refused = null;
		for (int i = 0; i < 50 && refused == null; i++) {
			HttpResponse<String> response = get(path, station.key());
			if (response.statusCode() == 429) {
				refused = response;
			}
			else {
				served++;
			}
		}
		assertThat(refused).as("refused within 50 requests").isNotNull();
		assertThat(served).isGreaterThanOrEqualTo(4);
		assertThat(refused.headers().firstValue("RateLimit-Policy")).hasValue("\"station\";q=4;w=2");
		eventually("served again after the window", Duration.ofSeconds(10), () -> status(path, station.key()) == 200);
	}

	@Test
	void aTrackingTokenOverItsLimitGets429WhileAnotherTokenIsServed() throws Exception {
		String token = "t" + UUID.randomUUID().toString().replace("-", "");
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> page = get("/track/" + token, null);
			assertThat(page.statusCode()).isNotEqualTo(429);
			assertThat(page.headers().firstValue("RateLimit-Policy")).hasValue("\"tracking\";q=3;w=60");
		}
		// the live stream under the token counts against the same bucket
		HttpResponse<String> refused = get("/track/" + token + "/live", null);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).startsWith("\"tracking\";r=0;");

		String other = "t" + UUID.randomUUID().toString().replace("-", "");
		assertThat(get("/track/" + other, null).statusCode()).isNotEqualTo(429);
	}

	private int status(String path, String key) {
		try {
			return get(path, key).statusCode();
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10));
		if (key != null) {
			request.header("Authorization", "Bearer " + key);
		}
		return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String key, String json) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
