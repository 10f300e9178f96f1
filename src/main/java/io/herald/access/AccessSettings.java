package io.herald.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bootstrapAdminKey an operator key registered at startup (set it from the environment, never commit it);
 * at least 32 characters. Empty: none.
 */
@ConfigurationProperties("herald.security")
public record AccessSettings(String bootstrapAdminKey) {
}
