/**
 * The live feed: every order and route change as server-sent event streams, per order (the customer's tracking page)
 * and per station (the station app). Changes are stored as {@code live_event} rows in the transaction of the change;
 * every node polls them below the oldest running transaction and pushes them to its open streams, and a client that
 * reconnects with its Last-Event-ID gets exactly what it missed, on any node and across restarts.
 * <p>
 * Its published API is {@link io.herald.live.LiveFeed} (streams for {@code tracking} and {@code stationapp}, and the
 * copy of each customer message that the notification module's live channel appends) and
 * {@link io.herald.live.LiveSwitch}, by which the notification module switches the feed on with its channels.
 */
@ApplicationModule(allowedDependencies = { "access", "order", "order :: stocking", "platform", "routing", "station" })
package io.herald.live;

import org.springframework.modulith.ApplicationModule;
