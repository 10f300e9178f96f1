/**
 * Customer notifications: the policy turns order events into deliveries (one row per order, kind, channel and
 * recipient), templates render them per locale, and the dispatcher sends them with retries until SENT or DEAD.
 */
package io.herald.notification;
