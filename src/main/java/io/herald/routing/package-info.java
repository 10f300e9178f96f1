/**
 * Delivery routes: a courier's run from a station through an ordered list of stops, with the sequence, ETA windows,
 * the courier's progress, and the events that tell customers where they are in it ("stop 4 of 12", "2 stops away",
 * a moved window). Algorithms live Spring-free in {@code routing.sequence}, {@code routing.eta} and
 * {@code routing.travel}.
 */
@ApplicationModule(allowedDependencies = { "access", "order", "platform", "platform :: geo", "platform :: validation", "station" })
package io.herald.routing;

import org.springframework.modulith.ApplicationModule;
