/**
 * The customer's tracking page: reached through the unguessable link in every message, it shows one order's story,
 * its place on the route, the ETA window and a small offline map, and follows the live channel without reloading.
 */
package io.herald.tracking;
