package io.herald.routing.travel;

import java.util.List;
import java.util.Map;

import io.herald.platform.geo.GeoPoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GreatCircleTravelTimeModelTests {

	final GeoPoint laVella = new GeoPoint(42.5063, 1.5218);

	final GeoPoint encamp = new GeoPoint(42.5345, 1.5803);

	@Test
	void timeIsDistanceTimesCircuityOverSpeed() {
		var model = new GreatCircleTravelTimeModel(1.5, Map.of(VehicleProfile.FOOT, 5.0, VehicleProfile.BIKE, 15.0,
				VehicleProfile.SCOOTER, 25.0, VehicleProfile.CAR, 36.0, VehicleProfile.VAN, 25.0));
		double metres = laVella.distanceMeters(encamp);
		assertThat(model.seconds(laVella, encamp, VehicleProfile.CAR)).isEqualTo((int) Math.round(metres * 1.5 / 10));
		assertThat(model.seconds(laVella, encamp, VehicleProfile.FOOT))
			.isGreaterThan(model.seconds(laVella, encamp, VehicleProfile.BIKE));
	}

	@Test
	void matrixHasZeroDiagonalAndIsSymmetric() {
		int[][] matrix = GreatCircleTravelTimeModel.defaults().matrix(List.of(laVella, encamp, laVella), VehicleProfile.VAN);
		assertThat(matrix[0][0]).isZero();
		assertThat(matrix[0][1]).isEqualTo(matrix[1][0]).isPositive();
		assertThat(matrix[0][2]).isZero();
	}

	@Test
	void everyProfileNeedsASpeed() {
		assertThatThrownBy(() -> new GreatCircleTravelTimeModel(1.3, Map.of(VehicleProfile.CAR, 30.0)))
			.hasMessageContaining("FOOT");
		assertThatThrownBy(() -> GreatCircleTravelTimeModel.defaults().getClass()
			.getConstructor(double.class, Map.class).newInstance(0.5, Map.of())).hasRootCauseMessage("circuity is at least 1");
	}

}
