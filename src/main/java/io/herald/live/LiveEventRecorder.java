package io.herald.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import io.herald.live.LiveEventRepository.NewLiveEvent;
import io.herald.order.Order;
import io.herald.order.OrderLine;
import io.herald.order.OrderState;
import io.herald.order.Orders;
import io.herald.order.stocking.StockingStatus;
import io.herald.platform.TransactionBatch;
import io.herald.routing.RouteEvent;
import io.herald.routing.RouteProgressed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Turns order and route events into live events inside the transaction that changed the order, like the notification
 * planner: the listeners collect the facts, and just before the commit they are written in one batch. A change and its
 * live events commit together, so a stream can never show a change that rolled back nor miss one that committed.
 *
 * <p>
 * The data is what the order's owner may see on a tracking page: the order's id and number, what happened and when,
 * the state it led to, reason codes and the notes the customer is also told, the failed items, the place on the route
 * and the window. Never the customer's name, address, email or phone, nor the courier's name or position.
 *
 * <p>
 * It records only while the live channel is enabled ({@link LiveSwitch}: {@code live} in
 * {@code herald.notifications.channels}); otherwise the listeners return at once and nothing is written.
 */
@Component
class LiveEventRecorder {

	private static final Logger log = LoggerFactory.getLogger(LiveEventRecorder.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Orders orders;

	private final LiveEventRepository repository;

	private final boolean enabled;

	LiveEventRecorder(Orders orders, LiveEventRepository repository, LiveSwitch liveSwitch) {
		this.orders = orders;
		this.repository = repository;
		this.enabled = liveSwitch.enabled();
	}

	// One listener per event a tracking page shows, called synchronously by the publisher inside its transaction.

	@EventListener
	void on(Order.OrderAssigned event) {
		record(event.orderId(), event.stationId(), event.type(), event.occurredAt(),
				(data, order) -> data.put("state", OrderState.ASSIGNED));
	}

	@EventListener
	void on(Order.StockingSucceeded event) {
		record(event.orderId(), event.stationId(), event.type(), event.occurredAt(), (data, order) -> {
			data.put("state", OrderState.STOCKED);
			data.put("stockingStatus", StockingStatus.STOCKED);
			data.put("correction", event.correction());
		});
	}

	@EventListener
	void on(Order.StockingFailed event) {
		record(event.orderId(), event.stationId(), event.type(), event.occurredAt(), (data, order) -> {
			data.put("state", OrderState.STOCKING_FAILED);
			data.put("stockingStatus", StockingStatus.FAILED);
			data.put("reason", event.reason());
			putIfPresent(data, "note", event.note());
			// no lines named: the whole order failed
			data.put("failedItems", order.lines().stream()
				.filter(line -> event.failedLines().isEmpty() || event.failedLines().contains(line.line()))
				.map(LiveEventRecorder::item)
				.toList());
			data.put("correction", event.correction());
		});
	}

	@EventListener
	void on(Order.OrderCancelled event) {
		record(event.orderId(), null, event.type(), event.occurredAt(), (data, order) -> {
			data.put("state", OrderState.CANCELLED);
			putIfPresent(data, "reason", event.reason());
		});
	}

	@EventListener
	void on(Order.ResolutionChosen event) {
		record(event.orderId(), event.stationId(), event.type(), event.occurredAt(),
				(data, order) -> data.put("resolution", event.resolution().name()));
	}

	@EventListener
	void on(Order.OrderOutForDelivery event) {
		record(event.orderId(), event.stationId(), event.type(), event.occurredAt(),
				(data, order) -> data.put("state", OrderState.OUT_FOR_DELIVERY));
	}

	@EventListener
	void on(Order.OrderDelivered event) {
		record(event.orderId(), event.stationId(), event.type(), event.occurredAt(),
				(data, order) -> data.put("state", OrderState.DELIVERED));
	}

	@EventListener
	void on(Order.DeliveryFailed event) {
		record(event.orderId(), event.stationId(), event.type(), event.occurredAt(), (data, order) -> {
			data.put("state", OrderState.DELIVERY_FAILED);
			data.put("reason", event.reason());
			putIfPresent(data, "note", event.note());
		});
	}

	@EventListener
	void on(Order.OrderReturnedToStation event) {
		record(event.orderId(), event.stationId(), event.type(), event.occurredAt(),
				(data, order) -> data.put("state", OrderState.STOCKED));
	}

	@EventListener
	void on(RouteEvent.StopAnnounced event) {
		record(event.orderId(), null, "route.stop_announced", event.occurredAt(), (data, order) -> {
			data.put("position", event.position());
			data.put("total", event.total());
			data.put("stopsBefore", event.stopsBefore());
			putWindow(data, "window", event.earliest(), event.latest());
		});
	}

	@EventListener
	void on(RouteEvent.StopsAwayReached event) {
		record(event.orderId(), null, "route.stops_away", event.occurredAt(), (data, order) -> {
			data.put("threshold", event.threshold());
			data.put("stopsBefore", event.stopsBefore());
			// a nearer threshold is reached by the same change: say "within threshold stops", not the count
			data.put("within", event.nearer());
			putWindow(data, "window", event.earliest(), event.latest());
		});
	}

	@EventListener
	void on(RouteProgressed event) {
		for (UUID orderId : event.orderIds()) {
			record(orderId, null, "route.progress", event.occurredAt(), (data, order) -> {
			});
		}
	}

	@EventListener
	void on(RouteEvent.EtaChanged event) {
		record(event.orderId(), null, "route.eta_changed", event.occurredAt(), (data, order) -> {
			putWindow(data, "window", event.earliest(), event.latest());
			putWindow(data, "previousWindow", event.previousEarliest(), event.previousLatest());
		});
	}

	/**
	 * Collects one fact for the current transaction.
	 * @param stationId the station the event names; {@code null} to take the order's station
	 * @param details adds the event's own fields to the data, given the order as it is at commit
	 */
	private void record(UUID orderId, UUID stationId, String type, Instant occurredAt,
			BiConsumer<Map<String, Object>, Order> details) {
		if (!enabled) {
			return;
		}
		TransactionBatch.add(this, new Fact(orderId, stationId, type, occurredAt, details), this::write);
	}

	/** Writes the facts of one transaction in the order they happened: one read of their orders, one batch. */
	private void write(List<Fact> facts) {
		Map<UUID, Order> byId = new HashMap<>();
		for (Order order : orders.findAll(facts.stream().map(Fact::orderId).distinct().toList())) {
			byId.put(order.id(), order);
		}
		List<NewLiveEvent> rows = new ArrayList<>(facts.size());
		for (Fact fact : facts) {
			Order order = byId.get(fact.orderId());
			if (order == null) {
				log.warn("Order {} of a {} event does not exist; nothing to stream", fact.orderId(), fact.type());
				continue;
			}
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("type", fact.type());
			data.put("orderId", order.id());
			data.put("orderNumber", order.orderNumber());
			data.put("occurredAt", fact.occurredAt().toString());
			fact.details().accept(data, order);
			rows.add(new NewLiveEvent(order.id(), fact.stationId() != null ? fact.stationId() : order.stationId(),
					fact.type(), JSON.writeValueAsString(data), fact.occurredAt()));
		}
		if (!rows.isEmpty()) {
			repository.insertAll(rows);
		}
	}

	private static void putIfPresent(Map<String, Object> data, String key, Object value) {
		if (value != null) {
			data.put(key, value);
		}
	}

	private static void putWindow(Map<String, Object> data, String key, Instant earliest, Instant latest) {
		if (earliest != null && latest != null) {
			Map<String, Object> window = new LinkedHashMap<>();
			window.put("earliest", earliest.toString());
			window.put("latest", latest.toString());
			data.put(key, window);
		}
	}

	private static Map<String, Object> item(OrderLine line) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("line", line.line());
		item.put("sku", line.sku());
		item.put("name", line.name());
		item.put("quantity", line.quantity());
		return item;
	}

	/** What happened to one order, until the commit gives it its row. */
	private record Fact(UUID orderId, UUID stationId, String type, Instant occurredAt,
			BiConsumer<Map<String, Object>, Order> details) {
	}

}
