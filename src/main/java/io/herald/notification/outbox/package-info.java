/**
 * The outbox: one {@code notification} row per message to one recipient on one channel about one order event
 * ({@link io.herald.notification.outbox.Notification}), written in the transaction of the change that caused it, with
 * the unique key that makes a repeated event harmless. {@code Outbox} is its only door to the table: planning inserts,
 * dispatch claims and completes, the API lists an order's notifications and the ones given up on, and re-drives them.
 */
package io.herald.notification.outbox;
