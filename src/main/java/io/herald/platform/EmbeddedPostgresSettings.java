package io.herald.platform;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the cluster lives; it survives restarts
 * @param port TCP port on loopback; 0 picks a free one
 * @param serverConfig further PostgreSQL settings ({@code -c name=value}), e.g. {@code shared_preload_libraries:
 * pg_stat_statements} to see which statements the database spends its time on; durability settings cannot be
 * lowered here
 */
@ConfigurationProperties("herald.embedded-postgres")
public record EmbeddedPostgresSettings(@DefaultValue("./data/postgres") Path dataDir, @DefaultValue("0") int port,
		Map<String, String> serverConfig) {

	public EmbeddedPostgresSettings {
		serverConfig = serverConfig == null ? Map.of() : Map.copyOf(serverConfig);
	}
}
