package io.herald.routing.travel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.herald.platform.geo.GeoPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The road model on a real OpenStreetMap extract of Andorra (map data © OpenStreetMap contributors, ODbL), from the
 * shared data checked out beside the project. Skipped when that file is absent. The imported graph is cached under
 * {@code target/graphhopper-tests}, so only the first run after a clean imports.
 */
class RoadTravelTimeModelTests {

	static final Path ANDORRA = Path.of("../shared/data/osm/andorra.osm.pbf");

	static final Path CACHE = Path.of("target/graphhopper-tests");

	static final GreatCircleTravelTimeModel GREAT_CIRCLE = GreatCircleTravelTimeModel.defaults();

	static final GeoPoint LA_VELLA = new GeoPoint(42.5063, 1.5218);

	static final GeoPoint ENCAMP = new GeoPoint(42.5345, 1.5803);

	static final List<GeoPoint> TOWNS = List.of(LA_VELLA, ENCAMP, new GeoPoint(42.5096, 1.5386) /* Escaldes */,
			new GeoPoint(42.5676, 1.5976) /* Canillo */, new GeoPoint(42.5563, 1.5331) /* Ordino */,
			new GeoPoint(42.5450, 1.5148) /* La Massana */, new GeoPoint(42.4637, 1.4913) /* Sant Julià */,
			new GeoPoint(42.5766, 1.6677) /* Soldeu */, new GeoPoint(42.5425, 1.7336) /* Pas de la Casa */,
			new GeoPoint(42.5722, 1.4844) /* Arinsal */);

	static RoadTravelTimeModel model;

	@BeforeAll
	static void openAndorra() {
		assumeTrue(Files.isRegularFile(ANDORRA), "no OpenStreetMap extract at " + ANDORRA.toAbsolutePath());
		long started = System.nanoTime();
		model = RoadTravelTimeModel.open(ANDORRA, CACHE, 500, GREAT_CIRCLE);
		System.out.printf("andorra road graph %s in %d ms%n", model.imported() ? "imported" : "loaded",
				(System.nanoTime() - started) / 1_000_000);
	}

	@AfterAll
	static void close() {
		if (model != null) {
			model.close();
		}
	}

	@Test
	void carTimeBetweenTwoTownsIsAPlausibleRoadTime() {
		var leg = model.leg(LA_VELLA, ENCAMP, VehicleProfile.CAR);
		double straight = LA_VELLA.distanceMeters(ENCAMP);
		System.out.printf("car La Vella -> Encamp: %d s over %.0f m (straight line %.0f m)%n", leg.seconds(),
				leg.meters(), straight);
		assertThat(leg.fallback()).isFalse();
		assertThat(leg.seconds()).isPositive().isBetween(180, 1200);
		assertThat(leg.meters()).isGreaterThan(straight);
		// the straight line driven at the same average speed takes less time than the road
		double metresPerSecond = leg.meters() / leg.seconds();
		assertThat((double) leg.seconds()).isGreaterThan(straight / metresPerSecond);
		assertThat(model.seconds(LA_VELLA, ENCAMP, VehicleProfile.CAR)).isEqualTo(leg.seconds());
	}

	@Test
	void footIsSlowerThanBikeIsSlowerThanCar() {
		int car = model.seconds(LA_VELLA, ENCAMP, VehicleProfile.CAR);
		int bike = model.seconds(LA_VELLA, ENCAMP, VehicleProfile.BIKE);
		int foot = model.seconds(LA_VELLA, ENCAMP, VehicleProfile.FOOT);
		System.out.printf("La Vella -> Encamp: car %d s, bike %d s, foot %d s (%.0f m on foot)%n", car, bike, foot,
				model.leg(LA_VELLA, ENCAMP, VehicleProfile.FOOT).meters());
		assertThat(model.leg(LA_VELLA, ENCAMP, VehicleProfile.FOOT).fallback()).isFalse();
		assertThat(foot).isGreaterThan(bike);
		assertThat(bike).isGreaterThan(car);
		// the car-like profiles share the car network
		assertThat(model.seconds(LA_VELLA, ENCAMP, VehicleProfile.VAN)).isEqualTo(car);
	}

	@Test
	void matrixAgreesWithPairwiseCalls() {
		for (VehicleProfile profile : List.of(VehicleProfile.CAR, VehicleProfile.FOOT)) {
			int[][] matrix = model.matrix(TOWNS, profile);
			for (int i = 0; i < TOWNS.size(); i++) {
				assertThat(matrix[i][i]).isZero();
				for (int j = 0; j < TOWNS.size(); j++) {
					if (i != j) {
						// one query graph for all points vs one per pair: the snapped edges are split differently,
						// which may move the millisecond sum across a rounding boundary, never more
						assertThat(matrix[i][j]).as("%s %d -> %d", profile, i, j)
							.isPositive()
							.isCloseTo(model.seconds(TOWNS.get(i), TOWNS.get(j), profile),
									within(1));
					}
				}
			}
		}
	}

	@Test
	void matrixOf150PointsIsQuick() {
		Random random = new Random(7);
		List<GeoPoint> points = new ArrayList<>();
		for (int k = 0; k < 150; k++) {
			GeoPoint town = TOWNS.get(k % TOWNS.size());
			points.add(new GeoPoint(town.lat() + (random.nextDouble() - 0.5) * 0.006,
					town.lon() + (random.nextDouble() - 0.5) * 0.006));
		}
		long before = model.fallbacks();
		long started = System.nanoTime();
		int[][] matrix = model.matrix(points, VehicleProfile.CAR);
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.printf("150x150 car matrix in %d ms, %d fallback cells%n", millis, model.fallbacks() - before);
		assertThat(matrix).hasDimensions(150, 150);
		assertThat(millis).isLessThan(20_000);
	}

	@Test
	void pointsOffTheNetworkFallBackToTheGreatCircleEstimate() {
		GeoPoint gulfOfGuinea = new GeoPoint(0.5, 0.5);
		GeoPoint toulouse = new GeoPoint(43.6045, 1.4440);
		long before = model.fallbacks();
		assertThat(model.seconds(LA_VELLA, gulfOfGuinea, VehicleProfile.CAR))
			.isEqualTo(GREAT_CIRCLE.seconds(LA_VELLA, gulfOfGuinea, VehicleProfile.CAR));
		assertThat(model.seconds(toulouse, ENCAMP, VehicleProfile.BIKE))
			.isEqualTo(GREAT_CIRCLE.seconds(toulouse, ENCAMP, VehicleProfile.BIKE));
		assertThat(model.leg(gulfOfGuinea, ENCAMP, VehicleProfile.FOOT).fallback()).isTrue();
		int[][] matrix = model.matrix(List.of(LA_VELLA, gulfOfGuinea, ENCAMP), VehicleProfile.CAR);
		assertThat(matrix[0][1]).isEqualTo(GREAT_CIRCLE.seconds(LA_VELLA, gulfOfGuinea, VehicleProfile.CAR));
		assertThat(matrix[0][2]).isEqualTo(model.seconds(LA_VELLA, ENCAMP, VehicleProfile.CAR));
		assertThat(model.fallbacks() - before).as("fallback answers").isEqualTo(3 + 4);
	}

	@Test
	void aSecondInstanceLoadsTheCachedGraphInsteadOfImporting() {
		try (var again = RoadTravelTimeModel.open(ANDORRA, CACHE, 500, GREAT_CIRCLE)) {
			assertThat(again.imported()).isFalse();
			assertThat(again.seconds(ENCAMP, LA_VELLA, VehicleProfile.BIKE))
				.isEqualTo(model.seconds(ENCAMP, LA_VELLA, VehicleProfile.BIKE));
		}
	}

}
