package io.herald.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP API.
 *
 * @param maxRequestBytes largest accepted request body
 * @param maxBatchSize largest number of entries in one batch request (orders or stocking reports)
 * @param maxPageSize largest page size of list endpoints
 */
@ConfigurationProperties("herald.api")
public record ApiSettings(@DefaultValue("4MB") DataSize maxRequestBytes, @DefaultValue("1000") int maxBatchSize,
		@DefaultValue("200") int maxPageSize) {
}
