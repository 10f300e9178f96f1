package io.herald.routing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A started route changed in a way its customers' pages show but no message announces: a stop before theirs was
 * finished, the sequence was re-planned, or the courier moved (then only the customers within
 * {@link DeliveryPosition#COURIER_VISIBLE_WITHIN} stops, who see the courier on their map). For the live channel.
 */
public record RouteProgressed(UUID routeId, List<UUID> orderIds, Instant occurredAt) {
}
