package io.herald.routing;

import java.time.Instant;

import io.herald.platform.geo.GeoPoint;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * Where the courier is: the JSON of the position API and of a Kafka {@code io.herald.courier.position} record.
 *
 * @param at when the courier was there; null: now
 */
public record PositionReport(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
		@NotNull @DecimalMin("-180") @DecimalMax("180") Double lon, Instant at) {

	public GeoPoint point() {
		return new GeoPoint(lat, lon);
	}

}
