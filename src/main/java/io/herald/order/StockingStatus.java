package io.herald.order;

/** Whether the assigned station has prepared the goods. */
public enum StockingStatus {

	PENDING, STOCKED, FAILED

}
