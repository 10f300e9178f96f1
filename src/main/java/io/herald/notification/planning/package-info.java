/**
 * Planning: order and route events become notifications inside the transaction that changed the order. Listeners
 * turn events into facts, the planner asks the policy which messages they produce, the message context and the
 * webhook payload give the templates and the merchants their data, and one batch of outbox rows is inserted before
 * the commit.
 */
package io.herald.notification.planning;
