package io.herald.order;

import java.time.Instant;
import java.util.UUID;

/**
 * A past-tense fact about one order, recorded in the same transaction as the change (Spring Modulith's event
 * publication registry) and handled by other modules after commit.
 */
public sealed interface OrderEvent permits Order.OrderPlaced, Order.OrderAssigned, Order.OrderUnassigned,
		Order.StockingSucceeded, Order.StockingFailed, Order.OrderOutForDelivery, Order.OrderDelivered,
		Order.DeliveryFailed, Order.OrderReturnedToStation, Order.OrderCancelled, Order.ResolutionChosen {

	UUID orderId();

	UUID merchantId();

	Instant occurredAt();

	/** Stable name used in the order's story and in webhook payloads, e.g. {@code order.stocking_failed}. */
	String type();

}
