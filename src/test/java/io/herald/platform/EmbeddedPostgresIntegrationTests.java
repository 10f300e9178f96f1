package io.herald.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.herald.HeraldApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Without spring.datasource.url Herald runs its own PostgreSQL, whose data survives restarts and crashes. */
class EmbeddedPostgresIntegrationTests {

	static ConfigurableApplicationContext start(Path dataDir) {
		// command-line arguments, so they win over application.properties
		return new SpringApplicationBuilder(HeraldApplication.class).run("--server.port=0",
				"--herald.embedded-postgres.data-dir=" + dataDir, "--herald.notifications.dispatch.enabled=false");
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
			// the system of record commits durably (zonky's own defaults turn both off)
			assertThat(second.getBean(JdbcClient.class).sql("show fsync").query(String.class).single()).isEqualTo("on");
			assertThat(second.getBean(JdbcClient.class).sql("show synchronous_commit").query(String.class).single())
				.isEqualTo("on");
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
		Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), PostgresInAJvmThatDies.class.getName(), dataDir.toString())
			.redirectErrorStream(true)
			.start();
		try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(owner.getInputStream()))) {
			String line;
			while ((line = output.readLine()) != null && !line.equals("ready")) {
				// skip PostgreSQL's start-up output
			}
			owner.destroyForcibly().waitFor();
			long orphans = ProcessHandle.allProcesses()
				.filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
				.filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(dataDir.toString())).orElse(false))
				.count();
			assertThat(orphans).as("a PostgreSQL left running by the killed JVM").isEqualTo(1);

			try (var second = start(dataDir)) {
				assertThat(second.getBean(JdbcClient.class)
					.sql("select count(*) from merchant where name = 'before crash'")
					.query(Long.class)
					.single()).isEqualTo(1);
			}
		}
	}

}
