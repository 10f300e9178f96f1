package io.herald.order;

/** Lifecycle of an order, as in DESIGN.md. */
public enum OrderState {

	PLACED, UNASSIGNED, ASSIGNED, STOCKED, STOCKING_FAILED, OUT_FOR_DELIVERY, DELIVERED, DELIVERY_FAILED, CANCELLED

}
