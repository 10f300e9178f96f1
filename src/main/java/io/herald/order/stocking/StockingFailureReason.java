package io.herald.order.stocking;

/** Why a station could not prepare an order's goods. */
public enum StockingFailureReason {

	OUT_OF_STOCK, DAMAGED, QUALITY_CHECK_FAILED, ADDRESS_UNSERVICEABLE, OTHER

}
