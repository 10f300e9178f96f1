/**
 * Notification rules in plain Java (no Spring): which messages an order event produces, on which channels, and how
 * failed sends are retried.
 */
package io.herald.notification.policy;
