package io.herald.tracking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tracking page settings.
 *
 * @param expireAfter a tracking link stops working this long after the order's story ended (delivered or cancelled)
 * @param tileUrl a map tile server ({@code https://tiles.example/{z}/{x}/{y}.png}) drawn under the map; without one
 * the map is drawn from the coordinates alone (no third-party tiles are reachable by default)
 */
@ConfigurationProperties("herald.tracking")
public record TrackingSettings(@DefaultValue("7d") Duration expireAfter, String tileUrl) {
}
