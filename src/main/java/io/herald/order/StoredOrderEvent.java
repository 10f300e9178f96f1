package io.herald.order;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** One entry of an order's story as stored. */
public record StoredOrderEvent(String type, JsonNode data, Instant occurredAt) {
}
