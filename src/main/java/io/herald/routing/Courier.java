package io.herald.routing;

import io.herald.routing.travel.VehicleProfile;

/** Who drives a route and with what. */
public record Courier(String name, String phone, VehicleProfile vehicleProfile) {
}
