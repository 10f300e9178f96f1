package io.herald.routing;

import java.util.Map;

import io.herald.routing.eta.EtaModel;
import io.herald.routing.eta.EtaSettings;
import io.herald.routing.travel.GreatCircleTravelTimeModel;
import io.herald.routing.travel.TravelTimeModel;
import io.herald.routing.travel.VehicleProfile;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java routing algorithms from {@link RoutingSettings}. */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	@Bean
	@ConditionalOnMissingBean(TravelTimeModel.class)
	TravelTimeModel greatCircleTravelTimeModel(RoutingSettings settings) {
		var travel = settings.travel();
		if (!"great-circle".equals(travel.model())) {
			throw new IllegalStateException("herald.routing.travel.model=" + travel.model()
					+ " needs its model on the classpath and configured; known here: great-circle");
		}
		return new GreatCircleTravelTimeModel(travel.circuity(),
				Map.of(VehicleProfile.FOOT, travel.footKmh(), VehicleProfile.BIKE, travel.bikeKmh(),
						VehicleProfile.SCOOTER, travel.scooterKmh(), VehicleProfile.CAR, travel.carKmh(),
						VehicleProfile.VAN, travel.vanKmh()));
	}

	@Bean
	EtaModel etaModel(RoutingSettings settings) {
		return new EtaModel(EtaSettings.defaults()
			.withConfidence(settings.eta().confidence())
			.withWidths(settings.eta().minWidth(), settings.eta().maxWidth()));
	}

}
