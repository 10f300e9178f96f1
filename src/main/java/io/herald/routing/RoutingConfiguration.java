package io.herald.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.herald.routing.eta.EtaModel;
import io.herald.routing.eta.EtaSettings;
import io.herald.routing.travel.GreatCircleTravelTimeModel;
import io.herald.routing.travel.RoadTravelTimeModel;
import io.herald.routing.travel.TravelTimeModel;
import io.herald.routing.travel.VehicleProfile;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java routing algorithms from {@link RoutingSettings}. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	/**
	 * {@code great-circle} (default) or {@code road}: GraphHopper on the OpenStreetMap file {@code osm-file} (map data
	 * © OpenStreetMap contributors, ODbL), imported once into {@code graph-cache-dir}. The road model falls back to
	 * the great-circle estimate for points off its network.
	 */
	@Bean
	@ConditionalOnMissingBean(TravelTimeModel.class)
	TravelTimeModel travelTimeModel(RoutingSettings settings) {
		var travel = settings.travel();
		var greatCircle = new GreatCircleTravelTimeModel(travel.circuity(),
				Map.of(VehicleProfile.FOOT, travel.footKmh(), VehicleProfile.BIKE, travel.bikeKmh(),
						VehicleProfile.SCOOTER, travel.scooterKmh(), VehicleProfile.CAR, travel.carKmh(),
						VehicleProfile.VAN, travel.vanKmh()));
		return switch (travel.model()) {
			case "great-circle" -> greatCircle;
			case "road" -> roadTravelTimeModel(travel, greatCircle);
			default -> throw new IllegalStateException("herald.routing.travel.model=" + travel.model()
					+ " is unknown; known: great-circle, road");
		};
	}

	private static RoadTravelTimeModel roadTravelTimeModel(RoutingSettings.Travel travel, TravelTimeModel fallback) {
		if (travel.osmFile() == null || travel.osmFile().isBlank()) {
			throw new IllegalStateException("herald.routing.travel.model=road needs herald.routing.travel.osm-file: "
					+ "the path of an OpenStreetMap extract (.osm.pbf), for example from download.geofabrik.de");
		}
		Path osmFile = Path.of(travel.osmFile());
		if (!Files.isRegularFile(osmFile)) {
			throw new IllegalStateException("herald.routing.travel.osm-file=" + travel.osmFile()
					+ ": no such file (resolved to " + osmFile.toAbsolutePath() + ")");
		}
		return RoadTravelTimeModel.open(osmFile, Path.of(travel.graphCacheDir()), travel.maxSnapMeters(), fallback);
	}

	@Bean
	EtaModel etaModel(RoutingSettings settings) {
		return new EtaModel(EtaSettings.defaults()
			.withConfidence(settings.eta().confidence())
			.withWidths(settings.eta().minWidth(), settings.eta().maxWidth()));
	}

}
