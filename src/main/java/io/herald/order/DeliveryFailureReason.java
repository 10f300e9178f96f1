package io.herald.order;

/** Why a courier could not deliver. */
public enum DeliveryFailureReason {

	CUSTOMER_ABSENT, ADDRESS_NOT_FOUND, REFUSED, DAMAGED, OTHER

}
