package io.herald.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Group commit of single stocking reports ({@code herald.intake.*}), see {@link io.herald.platform.GroupCommit}.
 *
 * @param groupCommit whether concurrent single reports share transactions; false applies each in its own
 * @param maxGroup most reports in one transaction
 * @param maxWaiting most reports waiting for a transaction; more are refused with 503 and Retry-After
 * @param committers transactions of grouped reports at the same time
 */
@ConfigurationProperties("herald.intake")
public record IntakeSettings(@DefaultValue("true") boolean groupCommit, @DefaultValue("200") int maxGroup,
		@DefaultValue("2000") int maxWaiting, @DefaultValue("2") int committers) {
}
