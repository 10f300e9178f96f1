/**
 * The customer's tracking page: reached through the unguessable link in every message, it shows one order's story,
 * its place on the route, the ETA window and a small offline map, and follows the live channel without reloading.
 */
@ApplicationModule(allowedDependencies = { "live", "merchant", "order", "platform", "platform :: geo", "routing" })
package io.herald.tracking;

import org.springframework.modulith.ApplicationModule;
