package io.herald.access;

/** What a key may do: operate Herald, place and read a merchant's orders, or work one station's orders. */
public enum Role {

	ADMIN, MERCHANT, STATION

}
