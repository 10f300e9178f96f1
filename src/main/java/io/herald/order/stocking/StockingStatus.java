package io.herald.order.stocking;

/** Whether the assigned station has prepared the goods. */
public enum StockingStatus {

	PENDING, STOCKED, FAILED

}
