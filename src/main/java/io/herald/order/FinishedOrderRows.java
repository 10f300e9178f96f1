package io.herald.order;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Rows another module keeps about orders and that end with them. When a finished order's retention is over
 * ({@code herald.retention.orders}), the order module asks every implementation which of the orders still have work
 * in flight there (those orders are kept for a later run), then has each delete its rows of the others, in the
 * transaction that deletes the orders, so an order and everything about it go together or not at all.
 */
public interface FinishedOrderRows {

	/**
	 * Of these orders (finished ones, locked by the caller's transaction), the ones with work still under way here.
	 * An implementation locks the rows it read until the transaction ends, so that nothing can start on them between
	 * this answer and {@link #delete}.
	 */
	Set<UUID> inFlight(List<UUID> orderIds);

	/** Deletes this module's rows of these orders, none of which is {@link #inFlight}. */
	void delete(List<UUID> orderIds);

}
