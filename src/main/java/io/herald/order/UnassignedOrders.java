package io.herald.order;

import io.herald.station.StationCoverageChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** When a station's coverage grows, orders nobody covered get assigned again. Never dropped, never forgotten. */
@Component
class UnassignedOrders {

	private static final Logger log = LoggerFactory.getLogger(UnassignedOrders.class);

	private final Orders orders;

	UnassignedOrders(Orders orders) {
		this.orders = orders;
	}

	@ApplicationModuleListener
	void on(StationCoverageChanged event) {
		int assigned = orders.assignUnassigned();
		if (assigned > 0) {
			log.info("Station {} changed coverage: {} unassigned order(s) assigned", event.stationId(), assigned);
		}
	}

}
