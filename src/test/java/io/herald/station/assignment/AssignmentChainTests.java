package io.herald.station.assignment;

import io.herald.platform.geo.GeoPoint;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssignmentChainTests {

	static final String LA_VELLA = """
			{"type":"Polygon","coordinates":[[[1.49,42.49],[1.55,42.49],[1.55,42.52],[1.49,42.52],[1.49,42.49]]]}""";

	static final String TWO_SQUARES = """
			{"type":"MultiPolygon","coordinates":[
			  [[[1.56,42.52],[1.61,42.52],[1.61,42.55],[1.56,42.55],[1.56,42.52]]],
			  [[[1.70,42.60],[1.72,42.60],[1.72,42.62],[1.70,42.62],[1.70,42.60]]]]}""";

	final StationCandidate laVella = new StationCandidate(UUID.randomUUID(), new GeoPoint(42.5063, 1.5218),
			ServiceArea.parse(LA_VELLA), Set.of("AD-07"), true);

	final StationCandidate encamp = new StationCandidate(UUID.randomUUID(), new GeoPoint(42.5345, 1.5803),
			ServiceArea.parse(TWO_SQUARES), Set.of("AD-03"), true);

	final AssignmentChain chain = AssignmentChain.of(List.of("polygon", "region-code", "nearest"),
			List.of(new PolygonContainmentStrategy(), new RegionCodeStrategy(), new NearestStationStrategy(15_000)));

	@Test
	void polygonContainmentWins() {
		var result = chain.assign(new Location(new GeoPoint(42.507, 1.52), "AD-03"), List.of(laVella, encamp));
		assertThat(result).contains(new Assignment(laVella.id(), "polygon"));
	}

	@Test
	void multiPolygonPartsBothCount() {
		var result = chain.assign(new Location(new GeoPoint(42.61, 1.71), null), List.of(laVella, encamp));
		assertThat(result).contains(new Assignment(encamp.id(), "polygon"));
	}

	@Test
	void regionCodeDecidesOutsideEveryPolygon() {
		var result = chain.assign(new Location(new GeoPoint(42.46, 1.49), "ad-03"), List.of(laVella, encamp));
		assertThat(result).contains(new Assignment(encamp.id(), "region-code"));
	}

	@Test
	void nearestActiveStationWithinReachDecidesLast() {
		var result = chain.assign(new Location(new GeoPoint(42.46, 1.49), null), List.of(laVella, encamp));
		assertThat(result).contains(new Assignment(laVella.id(), "nearest"));
	}

	@Test
	void farAwayDestinationStaysUnassigned() {
		var shanghai = new Location(new GeoPoint(31.23, 121.47), null);
		assertThat(chain.assign(shanghai, List.of(laVella, encamp))).isEmpty();
	}

	@Test
	void inactiveStationsAreNeverChosen() {
		var inactive = new StationCandidate(laVella.id(), laVella.depot(), laVella.area(), laVella.regionCodes(), false);
		var result = chain.assign(new Location(new GeoPoint(42.507, 1.52), null), List.of(inactive, encamp));
		assertThat(result).map(Assignment::stationId).contains(encamp.id());
		assertThat(result).map(Assignment::strategy).contains("nearest");
	}

	@Test
	void configuredOrderIsRespected() {
		var nearestFirst = AssignmentChain.of(List.of("nearest", "polygon"),
				List.of(new PolygonContainmentStrategy(), new NearestStationStrategy(15_000)));
		// inside La Vella's polygon but with Encamp's depot closer
		var result = nearestFirst.assign(new Location(new GeoPoint(42.519, 1.549), null), List.of(laVella, encamp));
		assertThat(result).map(Assignment::strategy).contains("nearest");
	}

	@Test
	void unknownStrategyNameIsAConfigurationError() {
		assertThatThrownBy(() -> AssignmentChain.of(List.of("zodiac"), List.of(new PolygonContainmentStrategy())))
			.hasMessageContaining("zodiac");
	}

	@Test
	void serviceAreaRejectsWhatIsNotAPolygon() {
		assertThatThrownBy(() -> ServiceArea.parse("{\"type\":\"Point\",\"coordinates\":[1.5,42.5]}"))
			.hasMessageContaining("Polygon");
		assertThatThrownBy(() -> ServiceArea.parse("{\"type\":\"Polygon\",\"coordinates\":[[[200,42],[201,42],[201,43],[200,42]]]}"))
			.hasMessageContaining("WGS84");
		assertThatThrownBy(() -> ServiceArea.parse("not json")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void geoPointMeasuresGreatCircleDistance() {
		// Andorra la Vella to Encamp is about 6.7 km as the crow flies
		assertThat(laVella.depot().distanceMeters(encamp.depot())).isBetween(5_500.0, 7_500.0);
		assertThatThrownBy(() -> new GeoPoint(91, 0)).isInstanceOf(IllegalArgumentException.class);
	}

}
