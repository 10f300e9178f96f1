package io.herald.notification.policy;

/**
 * Who can be reached for one order.
 *
 * @param webhookUrl the merchant's endpoint, or null
 * @param email the customer's address, or null
 * @param logName a name for the log channel (the order number)
 */
public record Recipients(String webhookUrl, String email, String logName) {
}
