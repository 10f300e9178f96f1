package io.herald.order;

import java.time.Instant;
import java.util.UUID;

import io.herald.order.stocking.StockingStatus;
/** Criteria for listing orders; null fields do not filter. */
public record OrderFilter(UUID merchantId, UUID stationId, OrderState state, StockingStatus stockingStatus,
		Instant placedFrom, Instant placedTo, String orderNumberPrefix) {
}
