/**
 * Travel times between places, in plain Java: one {@link io.herald.routing.travel.TravelTimeModel} interface, a
 * great-circle default and a road-network model, chosen by configuration.
 */
package io.herald.routing.travel;
