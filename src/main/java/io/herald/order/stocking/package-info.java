/**
 * Stocking, in one place: the station preparing an order's goods. The vocabulary (status, failure reasons, the
 * report and its outcome), the station-facing endpoints (reports of STOCKED or FAILED with a reason, one by one or in
 * batches, the explicit correction of an earlier report, the station's order list) and the failure statistics.
 * <p>
 * A room of the {@code order} module rather than a module of its own: stocking is a transition of the
 * {@link io.herald.order.Order} aggregate ({@code reportStocking}, {@code correctStocking}), so the aggregate needs
 * these types and these endpoints need the aggregate; two modules would depend on each other. Published to the other
 * modules as the named interface {@code order::stocking}.
 */
@NamedInterface("stocking")
package io.herald.order.stocking;

import org.springframework.modulith.NamedInterface;
