/**
 * The station app: server-rendered pages for a station's staff and couriers on a phone, behind a session sign-in
 * (role STATION). Today's orders grouped by stocking status with one-tap "stocked" and a "missing items" report per
 * item line, the customers' choices after a failure, dispatching a route, and working through its stops while the
 * browser shares the courier's position. Everything goes through the public APIs of {@code order} and
 * {@code routing} with the signed-in station's {@link io.herald.access.Caller}, so a station sees and changes only
 * its own orders and routes; the pages follow the station's live stream and refresh in place.
 */
@ApplicationModule(allowedDependencies = { "access", "live", "order", "order :: stocking", "platform", "platform :: geo", "platform :: validation", "routing", "station" })
package io.herald.stationapp;

import org.springframework.modulith.ApplicationModule;
