package io.herald.notification.planning;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.herald.notification.policy.OrderChange;
import io.herald.order.Order;
import io.herald.order.Resolution;

/**
 * What happened to one order, as the policy and the templates need it: the change, its dedup key, when it happened,
 * and the details of its kind (a stocking or delivery failure, an ETA window, a resolution, template values).
 */
final class Fact {

	final UUID orderId;

	final OrderChange change;

	final String dedupKey;

	final Instant occurredAt;

	/** Template values of this kind of change, e.g. the position on the route. */
	final Map<String, Object> values = new HashMap<>();

	Order.StockingFailed stockingFailure;

	Order.DeliveryFailed deliveryFailure;

	Instant[] window;

	Instant[] previous;

	Resolution resolution;

	/** What can make a message of this kind urgent: the threshold of "N stops away". */
	String variant;

	Fact(UUID orderId, OrderChange change, String dedupKey, Instant occurredAt) {
		this.orderId = orderId;
		this.change = change;
		this.dedupKey = dedupKey;
		this.occurredAt = occurredAt;
	}

	void window(Instant earliest, Instant latest) {
		this.window = new Instant[] { earliest, latest };
	}

}
