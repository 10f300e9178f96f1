package io.herald.order.stocking;

import java.util.UUID;

/** One stocking report for one order. */
public record StockingReport(UUID orderId, StockingOutcome outcome) {
}
