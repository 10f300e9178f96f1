/**
 * Stations (delivery ends) with their depot and service area, and the assignment of destinations to stations.
 * Assignment rules live Spring-free in {@code station.assignment}.
 */
@ApplicationModule(allowedDependencies = { "access", "platform", "platform :: geo" })
package io.herald.station;

import org.springframework.modulith.ApplicationModule;
