package io.herald.notification.policy;

/**
 * One message to produce. Unique per order together with its dedup key, which tells apart messages of one kind that
 * may legitimately be sent more than once per order (a corrected stocking outcome is news; a replayed event is not).
 */
public record Intent(NotificationKind kind, String dedupKey, ChannelType channel, String recipient) {
}
