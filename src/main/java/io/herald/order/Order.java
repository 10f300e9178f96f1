package io.herald.order;

// Over 300 lines, one idea: the order aggregate, its transitions and the past-tense events they record (nested).

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.herald.order.stocking.StockingFailureReason;
import io.herald.order.stocking.StockingOutcome;
import io.herald.order.stocking.StockingStatus;
import io.herald.platform.ConflictException;
/**
 * One customer order to deliver. Every change is a transition method that checks the current state, refuses an
 * invalid one with {@link InvalidTransitionException} (changing nothing), and records a past-tense event.
 */
public class Order {

	private static final Set<OrderState> ASSIGNABLE = EnumSet.of(OrderState.PLACED, OrderState.UNASSIGNED,
			OrderState.ASSIGNED, OrderState.STOCKING_FAILED);

	private static final Set<OrderState> FINAL = EnumSet.of(OrderState.DELIVERED, OrderState.CANCELLED);

	private final UUID id;

	private final UUID merchantId;

	private final String orderNumber;

	private final String fingerprint;

	private final Destination destination;

	private final List<OrderLine> lines;

	private final Customer customer;

	private final Instant placedAt;

	private UUID stationId;

	private String assignedBy;

	private OrderState state;

	private StockingStatus stockingStatus;

	private StockingOutcome stockingOutcome;

	private Instant stockingReportedAt;

	/** The customer's choice about the current stocking failure, or null. */
	private Resolution resolution;

	private Instant resolvedAt;

	private int version;

	private final List<OrderEvent> events = new ArrayList<>();

	Order(UUID id, UUID merchantId, String orderNumber, String fingerprint, Destination destination,
			List<OrderLine> lines, Customer customer, Instant placedAt, UUID stationId, String assignedBy,
			OrderState state, StockingStatus stockingStatus, StockingOutcome stockingOutcome,
			Instant stockingReportedAt, int version) {
		this.id = id;
		this.merchantId = merchantId;
		this.orderNumber = orderNumber;
		this.fingerprint = fingerprint;
		this.destination = destination;
		this.lines = List.copyOf(lines);
		this.customer = customer;
		this.placedAt = placedAt;
		this.stationId = stationId;
		this.assignedBy = assignedBy;
		this.state = state;
		this.stockingStatus = stockingStatus;
		this.stockingOutcome = stockingOutcome;
		this.stockingReportedAt = stockingReportedAt;
		this.version = version;
	}

	/** A new order as accepted at intake, not yet assigned. */
	static Order place(UUID merchantId, String orderNumber, String fingerprint, Destination destination,
			List<OrderLine> lines, Customer customer, Instant placedAt, Instant now) {
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("an order has at least one item");
		}
		var order = new Order(UUID.randomUUID(), merchantId, orderNumber, fingerprint, destination, lines, customer,
				placedAt, null, null, OrderState.PLACED, StockingStatus.PENDING, null, null, 0);
		order.events.add(new OrderPlaced(order.id, merchantId, orderNumber, now));
		return order;
	}

	/** Assigns (or re-assigns) the order to a station; stocking starts over. Same station again: no change. */
	public boolean assignTo(UUID station, String strategy, Instant now) {
		Objects.requireNonNull(station);
		if (state == OrderState.ASSIGNED && station.equals(stationId)) {
			return false;
		}
		requireState(ASSIGNABLE, "assign");
		stationId = station;
		assignedBy = strategy;
		state = OrderState.ASSIGNED;
		stockingStatus = StockingStatus.PENDING;
		stockingOutcome = null;
		stockingReportedAt = null;
		events.add(new OrderAssigned(id, merchantId, station, strategy, now));
		return true;
	}

	/** No station covers the destination: the order is kept, listed and re-assignable. */
	public boolean markUnassigned(Instant now) {
		if (state == OrderState.UNASSIGNED) {
			return false;
		}
		requireState(ASSIGNABLE, "mark unassigned");
		stationId = null;
		assignedBy = null;
		state = OrderState.UNASSIGNED;
		stockingStatus = StockingStatus.PENDING;
		stockingOutcome = null;
		events.add(new OrderUnassigned(id, merchantId, now));
		return true;
	}

	/**
	 * The station's first stocking report. The same outcome again is a no-op ({@code false}); a contradicting one is
	 * refused: use {@link #correctStocking}.
	 */
	public boolean reportStocking(StockingOutcome outcome, Instant now) {
		if (state == OrderState.STOCKED || state == OrderState.STOCKING_FAILED) {
			if (outcome.sameAs(stockingOutcome)) {
				return false;
			}
			throw new InvalidTransitionException("stocking-already-reported", "Order " + orderNumber
					+ " was already reported " + stockingStatus + "; use the correction endpoint to change it");
		}
		requireState(EnumSet.of(OrderState.ASSIGNED), "report stocking for");
		apply(outcome, false, now);
		return true;
	}

	/** Explicitly changes an earlier stocking report, before the order leaves the station. */
	public boolean correctStocking(StockingOutcome outcome, Instant now) {
		requireState(EnumSet.of(OrderState.STOCKED, OrderState.STOCKING_FAILED), "correct stocking of");
		if (outcome.sameAs(stockingOutcome)) {
			return false;
		}
		apply(outcome, true, now);
		return true;
	}

	/** The order left the station on a route. */
	public void startDelivery(UUID routeId, Instant now) {
		requireState(EnumSet.of(OrderState.STOCKED), "start delivery of");
		state = OrderState.OUT_FOR_DELIVERY;
		events.add(new OrderOutForDelivery(id, merchantId, stationId, routeId, now));
	}

	/** The courier handed the goods over. */
	public void deliver(UUID routeId, Instant now) {
		requireState(EnumSet.of(OrderState.OUT_FOR_DELIVERY), "deliver");
		state = OrderState.DELIVERED;
		events.add(new OrderDelivered(id, merchantId, stationId, routeId, now));
	}

	/** The courier could not deliver; the goods go back to the station and may be dispatched again. */
	public void failDelivery(UUID routeId, DeliveryFailureReason reason, String note, Instant now) {
		requireState(EnumSet.of(OrderState.OUT_FOR_DELIVERY), "fail delivery of");
		state = OrderState.DELIVERY_FAILED;
		events.add(new DeliveryFailed(id, merchantId, stationId, routeId, reason, note, now));
	}

	/**
	 * Back at the station, ready for another route: after a failed delivery (re-attempt), or when the stop was
	 * skipped or taken off a started route.
	 */
	public void returnToStation(Instant now) {
		requireState(EnumSet.of(OrderState.OUT_FOR_DELIVERY, OrderState.DELIVERY_FAILED), "return to station");
		state = OrderState.STOCKED;
		events.add(new OrderReturnedToStation(id, merchantId, stationId, now));
	}

	public boolean cancel(String reason, Instant now) {
		if (state == OrderState.CANCELLED) {
			return false;
		}
		requireState(EnumSet.complementOf(EnumSet.copyOf(FINAL)), "cancel");
		state = OrderState.CANCELLED;
		events.add(new OrderCancelled(id, merchantId, reason, now));
		return true;
	}

	/**
	 * The customer decides what happens after their goods could not be prepared. Only while the stocking failure
	 * stands; choosing the same again is a no-op, a different choice after the first is refused. "Deliver the rest"
	 * needs some items to be there; "cancel" cancels the order.
	 *
	 * @return whether anything changed
	 */
	public boolean chooseResolution(Resolution choice, Instant now) {
		if (resolution == choice) {
			return false;
		}
		requireState(EnumSet.of(OrderState.STOCKING_FAILED), "choose what happens after a stocking failure");
		if (resolution != null) {
			throw new ConflictException("resolution-chosen",
					"Order " + orderNumber + ": the customer already chose " + resolution);
		}
		if (choice == Resolution.DELIVER_REST && !canDeliverRest()) {
			throw new ConflictException("nothing-to-deliver",
					"Order " + orderNumber + ": no item is there to deliver without the missing ones");
		}
		resolution = choice;
		resolvedAt = now;
		events.add(new ResolutionChosen(id, merchantId, stationId, choice, now));
		if (choice == Resolution.CANCEL) {
			state = OrderState.CANCELLED;
			events.add(new OrderCancelled(id, merchantId, "the customer cancelled after a stocking failure", now));
		}
		return true;
	}

	private void apply(StockingOutcome outcome, boolean correction, Instant now) {
		for (int line : outcome.failedLines()) {
			if (line < 1 || line > lines.size()) {
				throw new IllegalArgumentException("order " + orderNumber + " has no item line " + line);
			}
		}
		stockingOutcome = outcome;
		stockingStatus = outcome.status();
		// a new outcome is a new situation: an earlier choice was about the earlier failure
		resolution = null;
		resolvedAt = null;
		stockingReportedAt = now;
		if (outcome.status() == StockingStatus.STOCKED) {
			state = OrderState.STOCKED;
			events.add(new StockingSucceeded(id, merchantId, stationId, correction, now));
		}
		else {
			state = OrderState.STOCKING_FAILED;
			events.add(new StockingFailed(id, merchantId, stationId, outcome.reason(), outcome.note(),
					outcome.failedLines(), correction, now));
		}
	}

	private void requireState(Set<OrderState> allowed, String action) {
		if (!allowed.contains(state)) {
			throw new InvalidTransitionException("invalid-transition",
					"Cannot " + action + " order " + orderNumber + " in state " + state);
		}
	}

	/** Events recorded since the order was loaded; cleared once taken. */
	List<OrderEvent> takeEvents() {
		var taken = List.copyOf(events);
		events.clear();
		return taken;
	}

	void incrementVersion() {
		version++;
	}

	public UUID id() { return id; }
	public UUID merchantId() { return merchantId; }
	public String orderNumber() { return orderNumber; }
	public String fingerprint() { return fingerprint; }
	public Destination destination() { return destination; }
	public List<OrderLine> lines() { return lines; }
	public Customer customer() { return customer; }
	public Instant placedAt() { return placedAt; }
	public UUID stationId() { return stationId; }
	public String assignedBy() { return assignedBy; }
	public OrderState state() { return state; }
	public StockingStatus stockingStatus() { return stockingStatus; }
	public StockingOutcome stockingOutcome() { return stockingOutcome; }
	public Resolution resolution() { return resolution; }
	public Instant resolvedAt() { return resolvedAt; }

	/**
	 * Whether some but not all item lines failed stocking, so the rest could be delivered without the missing ones.
	 */
	public boolean canDeliverRest() {
		return stockingOutcome != null && !stockingOutcome.failedLines().isEmpty()
				&& stockingOutcome.failedLines().size() < lines.size();
	}

	/** Restores the stored choice (repository). */
	void restoreResolution(Resolution resolution, Instant resolvedAt) {
		this.resolution = resolution;
		this.resolvedAt = resolvedAt;
	}
	public Instant stockingReportedAt() { return stockingReportedAt; }
	public int version() { return version; }

	public record OrderPlaced(UUID orderId, UUID merchantId, String orderNumber, Instant occurredAt) implements OrderEvent {
		@Override
		public String type() {
			return "order.placed";
		}
	}

	public record OrderAssigned(UUID orderId, UUID merchantId, UUID stationId, String strategy, Instant occurredAt)
			implements OrderEvent {
		@Override
		public String type() {
			return "order.assigned";
		}
	}

	public record OrderUnassigned(UUID orderId, UUID merchantId, Instant occurredAt) implements OrderEvent {
		@Override
		public String type() {
			return "order.unassigned";
		}
	}

	public record StockingSucceeded(UUID orderId, UUID merchantId, UUID stationId, boolean correction,
			Instant occurredAt) implements OrderEvent {
		@Override
		public String type() {
			return "order.stocked";
		}
	}

	public record StockingFailed(UUID orderId, UUID merchantId, UUID stationId, StockingFailureReason reason,
			String note, List<Integer> failedLines, boolean correction, Instant occurredAt) implements OrderEvent {
		@Override
		public String type() {
			return "order.stocking_failed";
		}
	}

	public record OrderOutForDelivery(UUID orderId, UUID merchantId, UUID stationId, UUID routeId, Instant occurredAt)
			implements OrderEvent {

		@Override
		public String type() {
			return "order.out_for_delivery";
		}

	}

	public record OrderDelivered(UUID orderId, UUID merchantId, UUID stationId, UUID routeId, Instant occurredAt)
			implements OrderEvent {

		@Override
		public String type() {
			return "order.delivered";
		}

	}

	public record DeliveryFailed(UUID orderId, UUID merchantId, UUID stationId, UUID routeId,
			DeliveryFailureReason reason, String note, Instant occurredAt) implements OrderEvent {

		@Override
		public String type() {
			return "order.delivery_failed";
		}

	}

	public record OrderReturnedToStation(UUID orderId, UUID merchantId, UUID stationId, Instant occurredAt)
			implements OrderEvent {

		@Override
		public String type() {
			return "order.returned_to_station";
		}

	}

	public record OrderCancelled(UUID orderId, UUID merchantId, String reason, Instant occurredAt)
			implements OrderEvent {
		@Override
		public String type() {
			return "order.cancelled";
		}
	}

	/** The customer chose what happens after a stocking failure. */
	public record ResolutionChosen(UUID orderId, UUID merchantId, UUID stationId, Resolution resolution,
			Instant occurredAt) implements OrderEvent {
		@Override
		public String type() {
			return "order.resolution_chosen";
		}
	}

}
