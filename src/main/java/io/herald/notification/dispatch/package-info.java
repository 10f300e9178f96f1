/**
 * Sending: the {@code Dispatcher} claims due notifications in batches per lane (a lease, {@code FOR UPDATE SKIP
 * LOCKED}), sends them through their channel without holding a thread on a slow receiver, and completes them in
 * batches (SENT, a retry after backoff, or DEAD with the reason), failing over to the customer's next channel.
 * {@code Receipts} apply a receiver's later word (an SMS delivery report); {@code DispatchLagGate} turns the dispatch
 * lag into back-pressure on intake.
 */
package io.herald.notification.dispatch;
