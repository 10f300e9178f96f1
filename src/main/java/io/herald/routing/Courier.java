package io.herald.routing;

import io.herald.routing.travel.VehicleProfile;

/** Who drives a route and with what; without a vehicle profile, a van. */
public record Courier(String name, String phone, VehicleProfile vehicleProfile) {

	public Courier {
		vehicleProfile = vehicleProfile == null ? VehicleProfile.VAN : vehicleProfile;
	}

}
