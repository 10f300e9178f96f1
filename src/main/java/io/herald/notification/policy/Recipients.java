package io.herald.notification.policy;

/**
 * Who can be reached for one order.
 *
 * @param webhook the merchant's webhook endpoint as a stable recipient name, or null when it has none
 * @param email the customer's address, or null
 * @param logName a name for the log channel (the order number)
 */
public record Recipients(String webhook, String email, String logName) {
}
