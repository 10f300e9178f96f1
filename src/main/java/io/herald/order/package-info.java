/**
 * Orders: intake (single, batch, CSV), their lifecycle from PLACED to DELIVERED, assignment to stations, stocking
 * transitions and the order's story of events.
 */
package io.herald.order;
