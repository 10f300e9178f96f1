/**
 * Stations (delivery ends) with their depot and service area, and the assignment of destinations to stations.
 * Assignment rules live Spring-free in {@code station.assignment}.
 */
package io.herald.station;
