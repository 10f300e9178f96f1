package io.herald.notification.policy;

/** One message to produce: kind, channel, recipient. Unique per order. */
public record Intent(NotificationKind kind, ChannelType channel, String recipient) {
}
