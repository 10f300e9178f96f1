/**
 * What each customer wants: their channel order, opt-outs per kind and channel, quiet hours and time zone, set through
 * the merchant's API or by the customer's one-click unsubscribe link (RFC 8058).
 */
package io.herald.notification.preference;
