package io.herald.routing.travel;

/** How a courier moves; each profile has its own speed. */
public enum VehicleProfile {

	FOOT, BIKE, SCOOTER, CAR, VAN

}
