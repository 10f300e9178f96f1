/** Channel implementations: each is one small class behind {@link io.herald.notification.channel.Channel}. */
package io.herald.notification.channel;
