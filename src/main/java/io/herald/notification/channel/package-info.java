/**
 * Channel implementations: each is one small class behind {@link io.herald.notification.channel.Channel}, enabled by
 * listing its type in {@code herald.notifications.channels}. The live channel's lives with its streams, in
 * {@code io.herald.notification.live}.
 */
package io.herald.notification.channel;
