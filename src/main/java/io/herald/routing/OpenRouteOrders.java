package io.herald.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.herald.order.FinishedOrderRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A finished order that is still a stop of a route not yet finished (a cancelled order on a planned route, say) is
 * kept until that route is over: the route still shows and sequences its stops. The stops of finished routes go with
 * their route ({@link RoutePruner}), not with their orders, so a route's history stays whole while it is kept.
 */
@Component
class OpenRouteOrders implements FinishedOrderRows {

	private final JdbcClient jdbc;

	OpenRouteOrders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Locks the open routes found, so that none of them takes the order on again before the delete. */
	@Override
	public Set<UUID> inFlight(List<UUID> orderIds) {
		return new HashSet<>(jdbc.sql("""
				select s.order_id from route_stop s join route r on r.id = s.route_id
				where s.order_id = any(?) and r.state <> 'FINISHED'
				for update of r""")
			.param(orderIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	@Override
	public void delete(List<UUID> orderIds) {
		// nothing: see the class comment
	}

}
