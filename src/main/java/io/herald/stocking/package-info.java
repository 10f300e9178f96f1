/**
 * The station's side of stocking: reports of STOCKED or FAILED with a reason, one by one or in batches, and the
 * explicit correction of an earlier report. The transitions themselves are methods on {@link io.herald.order.Order}.
 */
package io.herald.stocking;
