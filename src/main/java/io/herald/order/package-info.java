/**
 * Orders: intake (single, batch, CSV), their lifecycle from PLACED to DELIVERED, assignment to stations, stocking
 * transitions and the order's story of events.
 */
@ApplicationModule(allowedDependencies = { "access", "platform", "platform :: validation", "station" })
package io.herald.order;

import org.springframework.modulith.ApplicationModule;
