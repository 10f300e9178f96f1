package io.herald.notification.planning;

import java.time.Instant;
import java.util.UUID;

import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.OrderChange;
import io.herald.order.Order;
import io.herald.order.Resolution;
import io.herald.routing.RouteEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the order and route events that can concern a customer into {@link Fact}s: one listener per event type,
 * called synchronously by the publisher inside its transaction, each handing its fact to the planner.
 */
@Component
class EventFacts {

	private final NotificationPlanner planner;

	private final boolean announceEachAttempt;

	EventFacts(NotificationPlanner planner, NotificationSettings settings) {
		this.planner = planner;
		this.announceEachAttempt = settings.announceEachAttempt();
	}

	@EventListener
	void on(Order.OrderAssigned event) {
		planner.plan(new Fact(event.orderId(), OrderChange.ASSIGNED, event.occurredAt().toString(), event.occurredAt()));
	}

	@EventListener
	void on(Order.StockingSucceeded event) {
		planner.plan(new Fact(event.orderId(), OrderChange.STOCKED, event.occurredAt().toString(), event.occurredAt()));
	}

	@EventListener
	void on(Order.StockingFailed event) {
		Fact fact = new Fact(event.orderId(), OrderChange.STOCKING_FAILED, event.occurredAt().toString(),
				event.occurredAt());
		fact.stockingFailure = event;
		planner.plan(fact);
	}

	@EventListener
	void on(Order.OrderCancelled event) {
		Fact fact = new Fact(event.orderId(), OrderChange.CANCELLED, event.occurredAt().toString(), event.occurredAt());
		fact.values.put("cancelReason", event.reason());
		planner.plan(fact);
	}

	@EventListener
	void on(Order.ResolutionChosen event) {
		if (event.resolution() == Resolution.CANCEL) {
			// the cancellation's own message confirms it
			return;
		}
		Fact fact = new Fact(event.orderId(), OrderChange.RESOLUTION_CHOSEN, event.occurredAt().toString(),
				event.occurredAt());
		fact.resolution = event.resolution();
		planner.plan(fact);
	}

	@EventListener
	void on(Order.OrderDelivered event) {
		// once per order: an order is delivered once
		planner.plan(new Fact(event.orderId(), OrderChange.DELIVERED, "", event.occurredAt()));
	}

	@EventListener
	void on(Order.DeliveryFailed event) {
		Fact fact = new Fact(event.orderId(), OrderChange.DELIVERY_FAILED, attempt(event.routeId(), ""),
				event.occurredAt());
		fact.deliveryFailure = event;
		planner.plan(fact);
	}

	@EventListener
	void on(RouteEvent.StopAnnounced event) {
		Fact fact = new Fact(event.orderId(), OrderChange.STOP_ANNOUNCED, attempt(event.routeId(), ""),
				event.occurredAt());
		fact.values.put("position", event.position());
		fact.values.put("total", event.total());
		fact.values.put("stopsBefore", event.stopsBefore());
		fact.window(event.earliest(), event.latest());
		planner.plan(fact);
	}

	@EventListener
	void on(RouteEvent.StopsAwayReached event) {
		Fact fact = new Fact(event.orderId(), OrderChange.STOPS_AWAY_REACHED,
				attempt(event.routeId(), Integer.toString(event.threshold())), event.occurredAt());
		fact.variant = Integer.toString(event.threshold());
		fact.values.put("stopsBefore", event.stopsBefore());
		boolean within = event.nearer();
		fact.values.put("isNext", event.stopsBefore() == 0 && !within);
		fact.values.put("within", within);
		fact.values.put("threshold", event.threshold());
		fact.window(event.earliest(), event.latest());
		planner.plan(fact);
	}

	@EventListener
	void on(RouteEvent.EtaChanged event) {
		Fact fact = new Fact(event.orderId(), OrderChange.ETA_CHANGED, event.occurredAt().toString(),
				event.occurredAt());
		fact.window(event.earliest(), event.latest());
		fact.previous = new Instant[] { event.previousEarliest(), event.previousLatest() };
		planner.plan(fact);
	}

	/**
	 * The dedup key of a route announcement: once per order, or once per delivery attempt (route) when configured.
	 * Re-plans and replays keep the route, so they never repeat a message either way.
	 */
	private String attempt(UUID routeId, String key) {
		return announceEachAttempt ? routeId + (key.isEmpty() ? "" : ":" + key) : key;
	}

}
