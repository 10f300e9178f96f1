package io.herald.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param bootstrapAdminKey an operator key registered at startup (set it from the environment, never commit it);
 * at least 32 characters. Empty: none.
 * @param bootstrapOperatorPassword the password of an operator account for the console, created or updated at startup
 * (from the environment, never committed); at least 12 characters. Empty: none.
 * @param bootstrapOperatorUsername that account's name
 * @param metricsToken the credential a metrics scraper presents as {@code Authorization: Bearer <token>} at
 * {@code /actuator/prometheus} (from the environment, never committed). Empty: only operators' API keys are let in.
 */
@ConfigurationProperties("herald.security")
public record AccessSettings(String bootstrapAdminKey, String bootstrapOperatorPassword,
		@DefaultValue("operator") String bootstrapOperatorUsername, String metricsToken) {
}
