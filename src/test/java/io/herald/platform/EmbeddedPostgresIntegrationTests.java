package io.herald.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.herald.HeraldApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Without spring.datasource.url Herald runs its own PostgreSQL, whose data survives restarts and crashes. */
class EmbeddedPostgresIntegrationTests {

	static ConfigurableApplicationContext start(Path dataDir) {
		return new SpringApplicationBuilder(HeraldApplication.class)
			.properties(Map.of("server.port", "0", "herald.embedded-postgres.data-dir", dataDir.toString(),
					"herald.notifications.dispatch.enabled", "false"))
			.run();
	}

	@Test
	void dataSurvivesARestart() throws Exception {
		Path dataDir = Files.createTempDirectory("herald-embedded");
		String name = "Merchant " + UUID.randomUUID();
		try (var first = start(dataDir)) {
			first.getBean(JdbcClient.class).sql("insert into merchant (id, name) values (?, ?)")
				.params(UUID.randomUUID(), name).update();
		}
		try (var second = start(dataDir)) {
			assertThat(second.getBean(JdbcClient.class).sql("select count(*) from merchant where name = ?")
				.param(name).query(Long.class).single()).isEqualTo(1);
			assertThat(second.getBean(JdbcClient.class).sql("show server_version").query(String.class).single())
				.startsWith("18.");
		}
	}

	@Test
	void aPostgresLeftRunningByAKilledProcessIsTakenOver() throws Exception {
		Path dataDir = Files.createTempDirectory("herald-embedded");
		try (var first = start(dataDir)) {
			first.getBean(JdbcClient.class).sql("insert into merchant (id, name) values (?, 'before crash')")
				.param(UUID.randomUUID()).update();
		}
		// what a SIGKILLed JVM leaves behind: a postmaster still holding the data directory
		EmbeddedPostgres orphan = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
			.start();
		try (var second = start(dataDir)) {
			assertThat(second.getBean(JdbcClient.class).sql("select count(*) from merchant where name = 'before crash'")
				.query(Long.class).single()).isEqualTo(1);
		}
		finally {
			try {
				orphan.close();
			}
			catch (Exception alreadyStopped) {
				// expected: Herald stopped it
			}
		}
	}

}
