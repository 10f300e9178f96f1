/**
 * The live channel: server-sent event streams per order (for a customer tracking page) and per station. Order and
 * route events are stored as {@code live_event} rows in the transaction of the change; every node polls them below
 * the oldest running transaction and pushes them to its open streams, and a client that reconnects with its
 * Last-Event-ID gets exactly what it missed, on any node and across restarts. {@code LiveChannel} puts it behind the
 * one {@link io.herald.notification.channel.Channel} interface: enabled by {@code live} in
 * {@code herald.notifications.channels}, and as a message channel it appends a copy of each customer message to the
 * order's stream.
 */
@NamedInterface("live")
package io.herald.notification.live;

import org.springframework.modulith.NamedInterface;
