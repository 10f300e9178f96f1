package io.herald.order;

import java.util.UUID;

/** One stocking report for one order. */
public record StockingReport(UUID orderId, StockingOutcome outcome) {
}
