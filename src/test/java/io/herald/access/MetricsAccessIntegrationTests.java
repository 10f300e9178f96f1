package io.herald.access;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The scrape endpoint wants its credential; health stays public for probes, without details. */
@TestPropertySource(properties = "herald.security.metrics-token=" + MetricsAccessIntegrationTests.SCRAPE_TOKEN)
class MetricsAccessIntegrationTests extends IntegrationTestBase {

	static final String SCRAPE_TOKEN = "scrape-token-for-tests-0123456789";

	@Test
	void prometheusIsRefusedWithoutTheScrapeCredentialAndServedWithIt() {
		var anonymous = api.get("/actuator/prometheus", null);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
		assertThat(anonymous.body()).doesNotContain("jvm_");
		assertThat(api.headers("/actuator/prometheus").get("www-authenticate")).startsWith("Bearer");
		assertThat(api.get("/actuator/prometheus", "not-the-token").status()).isEqualTo(401);
		var station = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		assertThat(api.get("/actuator/prometheus", station.key()).status()).isEqualTo(401);

		var scraped = api.get("/actuator/prometheus", SCRAPE_TOKEN);
		assertThat(scraped.status()).isEqualTo(200);
		assertThat(scraped.body()).contains("jvm_memory_used_bytes");
		assertThat(api.get("/actuator/prometheus", ADMIN_KEY).status()).isEqualTo(200);
		// the other metrics endpoint is not public either
		assertThat(api.get("/actuator/metrics", null).status()).isIn(401, 403);
	}

	@Test
	void healthIsPublicForProbesButShowsNoDetails() {
		var health = api.get("/actuator/health", null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("details")
			.doesNotContain("db").doesNotContain("diskSpace");
		assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
		assertThat(api.get("/actuator/health", ADMIN_KEY).body()).doesNotContain("components");
	}

}
