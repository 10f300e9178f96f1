package io.herald.routing.travel;

import java.util.EnumMap;
import java.util.Map;

import io.herald.platform.geo.GeoPoint;

/**
 * The default model: great-circle distance times a circuity factor (roads are not straight), divided by a speed per
 * vehicle profile. Cheap, needs no map data, and good enough for sequencing; its bias is what the ETA model's pace
 * factor learns away during the day.
 */
public final class GreatCircleTravelTimeModel implements TravelTimeModel {

	private final double circuity;

	private final Map<VehicleProfile, Double> metresPerSecond = new EnumMap<>(VehicleProfile.class);

	/**
	 * @param circuity road distance over straight-line distance, typically 1.2 to 1.5 in towns
	 * @param kilometresPerHour average speed per profile; every profile must be present
	 */
	public GreatCircleTravelTimeModel(double circuity, Map<VehicleProfile, Double> kilometresPerHour) {
		if (circuity < 1) {
			throw new IllegalArgumentException("circuity is at least 1");
		}
		this.circuity = circuity;
		for (VehicleProfile profile : VehicleProfile.values()) {
			Double speed = kilometresPerHour.get(profile);
			if (speed == null || speed <= 0) {
				throw new IllegalArgumentException("no positive speed for vehicle profile " + profile);
			}
			metresPerSecond.put(profile, speed / 3.6);
		}
	}

	/** Town defaults: circuity 1.35; foot 5, bike 15, scooter 25, car 30, van 25 km/h. */
	public static GreatCircleTravelTimeModel defaults() {
		return new GreatCircleTravelTimeModel(1.35, Map.of(VehicleProfile.FOOT, 5.0, VehicleProfile.BIKE, 15.0,
				VehicleProfile.SCOOTER, 25.0, VehicleProfile.CAR, 30.0, VehicleProfile.VAN, 25.0));
	}

	@Override
	public int seconds(GeoPoint from, GeoPoint to, VehicleProfile profile) {
		return (int) Math.round(from.distanceMeters(to) * circuity / metresPerSecond.get(profile));
	}

}
