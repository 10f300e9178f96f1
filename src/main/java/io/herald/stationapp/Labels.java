package io.herald.stationapp;

import java.util.Map;

import io.herald.order.DeliveryFailureReason;
import io.herald.order.OrderState;
import io.herald.order.Resolution;
import io.herald.order.stocking.StockingFailureReason;
import io.herald.routing.RouteState;
import io.herald.routing.StopState;

/** The words the station app uses for the codes of the order and routing modules. */
final class Labels {

	static final Labels INSTANCE = new Labels();

	private static final Map<StockingFailureReason, String> STOCKING = Map.of(StockingFailureReason.OUT_OF_STOCK,
			"Out of stock", StockingFailureReason.DAMAGED, "Damaged", StockingFailureReason.QUALITY_CHECK_FAILED,
			"Failed the quality check", StockingFailureReason.ADDRESS_UNSERVICEABLE, "Address cannot be served",
			StockingFailureReason.OTHER, "Other reason");

	private static final Map<DeliveryFailureReason, String> DELIVERY = Map.of(DeliveryFailureReason.CUSTOMER_ABSENT,
			"Customer not there", DeliveryFailureReason.ADDRESS_NOT_FOUND, "Address not found",
			DeliveryFailureReason.REFUSED, "Refused", DeliveryFailureReason.DAMAGED, "Damaged on the way",
			DeliveryFailureReason.OTHER, "Other reason");

	private static final Map<Resolution, String> CHOICE = Map.of(Resolution.WAIT_FOR_RESTOCK,
			"Wait for restock", Resolution.DELIVER_REST, "Deliver the rest", Resolution.CANCEL, "Cancel the order");

	private static final Map<OrderState, String> STATE = Map.of(OrderState.PLACED, "Placed", OrderState.UNASSIGNED,
			"Unassigned", OrderState.ASSIGNED, "Waiting", OrderState.STOCKED, "Stocked", OrderState.STOCKING_FAILED,
			"Stocking failed", OrderState.OUT_FOR_DELIVERY, "Out for delivery", OrderState.DELIVERED, "Delivered",
			OrderState.DELIVERY_FAILED, "Delivery failed", OrderState.CANCELLED, "Cancelled");

	private static final Map<StopState, String> STOP = Map.of(StopState.PENDING, "To do", StopState.DELIVERED,
			"Delivered", StopState.FAILED, "Failed", StopState.SKIPPED, "Skipped", StopState.REMOVED, "Removed");

	private static final Map<RouteState, String> ROUTE = Map.of(RouteState.PLANNED, "Planned", RouteState.STARTED,
			"On the road", RouteState.FINISHED, "Finished");

	public StockingFailureReason[] stockingReasons() {
		return StockingFailureReason.values();
	}

	public DeliveryFailureReason[] deliveryReasons() {
		return DeliveryFailureReason.values();
	}

	public String stocking(StockingFailureReason reason) {
		return reason == null ? "" : STOCKING.get(reason);
	}

	public String delivery(String reason) {
		if (reason == null) {
			return "";
		}
		try {
			return DELIVERY.get(DeliveryFailureReason.valueOf(reason));
		}
		catch (IllegalArgumentException e) {
			return reason;
		}
	}

	public String delivery(DeliveryFailureReason reason) {
		return reason == null ? "" : DELIVERY.get(reason);
	}

	public String choice(Resolution choice) {
		return choice == null ? "" : CHOICE.get(choice);
	}

	public String state(OrderState state) {
		return state == null ? "" : STATE.get(state);
	}

	public String stop(StopState state) {
		return state == null ? "" : STOP.get(state);
	}

	public String route(RouteState state) {
		return state == null ? "" : ROUTE.get(state);
	}

	/** The badge's colour class for an order state. */
	public String tone(OrderState state) {
		return switch (state) {
			case STOCKED, DELIVERED -> "ok";
			case STOCKING_FAILED, DELIVERY_FAILED, CANCELLED -> "warn";
			default -> "";
		};
	}

	public String stopTone(StopState state) {
		return switch (state) {
			case DELIVERED -> "ok";
			case FAILED -> "warn";
			default -> "";
		};
	}

}
