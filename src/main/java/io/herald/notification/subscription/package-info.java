/**
 * Webhook subscriptions: a merchant's endpoints beyond its legacy webhook URL, each with the notification kinds it
 * wants, its own signing secret (rotated with an overlap in which both are valid) and a failure count that disables
 * an endpoint which keeps failing until the merchant re-enables it. Internal to the notification module.
 */
package io.herald.notification.subscription;
