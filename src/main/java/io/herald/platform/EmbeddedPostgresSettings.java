package io.herald.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where the cluster lives; it survives restarts
 * @param port TCP port on loopback; 0 picks a free one
 */
@ConfigurationProperties("herald.embedded-postgres")
public record EmbeddedPostgresSettings(@DefaultValue("./data/postgres") Path dataDir, @DefaultValue("0") int port) {
}
