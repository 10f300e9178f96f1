package io.herald.station;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param strategies assignment strategies in the order they are tried: {@code polygon}, {@code region-code},
 * {@code nearest}
 * @param nearestMaxKm the nearest-station strategy ignores stations farther than this
 * @param cacheTtl how long a node caches the active stations; changes made on the same node apply at once
 */
@ConfigurationProperties("herald.assignment")
public record AssignmentSettings(@DefaultValue({ "polygon", "region-code", "nearest" }) List<String> strategies,
		@DefaultValue("15") double nearestMaxKm, @DefaultValue("5s") java.time.Duration cacheTtl) {
}
