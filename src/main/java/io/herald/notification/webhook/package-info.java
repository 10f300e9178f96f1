/**
 * Webhooks: a merchant's endpoints beyond its legacy webhook URL, each with the notification kinds it wants, its own
 * signing secret (rotated with an overlap in which both are valid) and a failure count that disables an endpoint which
 * keeps failing until the merchant re-enables it; and {@code WebhookEvents}, which picks the endpoints of a message
 * and wraps it into the signed CloudEvent body. The sending itself is the webhook channel's.
 */
package io.herald.notification.webhook;
