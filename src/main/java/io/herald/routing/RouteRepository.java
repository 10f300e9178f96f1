package io.herald.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.herald.platform.ConflictException;
import io.herald.platform.geo.GeoPoint;
import io.herald.routing.eta.PaceState;
import io.herald.routing.travel.VehicleProfile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Stores routes and their stops with explicit SQL; a route is written whole, with an optimistic version check. */
@Repository
class RouteRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	RouteRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	void insert(Route r) {
		jdbc.sql("""
				insert into route (id, station_id, courier_name, courier_phone, vehicle_profile, state, start_lat,
				  start_lon, pace, planned_at, version)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
			.params(r.id(), r.stationId(), r.courier().name(), r.courier().phone(), r.courier().vehicleProfile().name(),
					r.state().name(), r.start().lat(), r.start().lon(), JSON.writeValueAsString(r.pace()),
					ts(r.plannedAt()))
			.update();
		writeStops(r);
	}

	void update(Route r) {
		int rows = jdbc.sql("""
				update route set state = ?, courier_lat = ?, courier_lon = ?, courier_seen_at = ?, pace = ?,
				  started_at = ?, finished_at = ?, version = version + 1
				where id = ? and version = ?""")
			.params(r.state().name(), r.courierAt() == null ? null : r.courierAt().lat(),
					r.courierAt() == null ? null : r.courierAt().lon(), ts(r.courierSeenAt()),
					JSON.writeValueAsString(r.pace()), ts(r.startedAt()), ts(r.finishedAt()), r.id(), r.version())
			.update();
		if (rows == 0) {
			throw new ConflictException("concurrent-update", "The route was changed by another request; retry");
		}
		r.incrementVersion();
		writeStops(r);
	}

	private void writeStops(Route r) {
		List<Object[]> args = new ArrayList<>();
		for (Stop s : r.stops()) {
			args.add(new Object[] { r.id(), s.orderId(), s.merchantId(), s.position(), s.point().lat(), s.point().lon(),
					s.serviceSeconds(), ts(s.promisedFrom()), ts(s.promisedTo()), s.state().name(), s.failureReason(),
					s.failureNote(), ts(s.eta()), ts(s.etaEarliest()), ts(s.etaLatest()), s.plannedTravelSeconds(),
					s.announced(), ts(s.toldEarliest()), ts(s.toldLatest()), ts(s.toldAt()), s.stopsAwayTold(),
					ts(s.completedAt()) });
		}
		template.batchUpdate("""
				insert into route_stop (route_id, order_id, merchant_id, position, lat, lon, service_seconds,
				  promised_from, promised_to, state, failure_reason, failure_note, eta, eta_earliest, eta_latest,
				  planned_travel_seconds, announced, told_earliest, told_latest, told_at, stops_away_told, completed_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (route_id, order_id) do update set position = excluded.position, state = excluded.state,
				  failure_reason = excluded.failure_reason, failure_note = excluded.failure_note, eta = excluded.eta,
				  eta_earliest = excluded.eta_earliest, eta_latest = excluded.eta_latest,
				  planned_travel_seconds = excluded.planned_travel_seconds, announced = excluded.announced,
				  told_earliest = excluded.told_earliest, told_latest = excluded.told_latest,
				  told_at = excluded.told_at, stops_away_told = excluded.stops_away_told,
				  completed_at = excluded.completed_at""", args);
	}

	/** Loads a route, locking it for a change when asked. */
	Optional<Route> find(UUID id, boolean forUpdate) {
		return jdbc.sql("select * from route where id = ?" + (forUpdate ? " for update" : ""))
			.param(id)
			.query((rs, n) -> mapRoute(rs))
			.optional()
			.map(row -> withStops(List.of(row)).get(0));
	}

	List<Route> findByStation(UUID stationId, RouteState state) {
		List<RouteRow> rows = jdbc
			.sql("select * from route where station_id = ? and (cast(? as text) is null or state = ?) order by planned_at desc limit 200")
			.params(stationId, state == null ? null : state.name(), state == null ? null : state.name())
			.query((rs, n) -> mapRoute(rs))
			.list();
		return withStops(rows);
	}

	/** Loads the stops of the routes in one query, each route's in sequence order, and restores the routes. */
	private List<Route> withStops(List<RouteRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<UUID, List<Stop>> stops = jdbc
			.sql("select * from route_stop where route_id = any(?) order by route_id, position")
			.param(rows.stream().map(RouteRow::id).toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(rs.getObject("route_id", UUID.class), mapStop(rs)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return rows.stream().map(row -> row.restore(stops.getOrDefault(row.id(), List.of()))).toList();
	}

	/** Which of these orders are a pending stop of some route. */
	Set<UUID> onActiveRoutes(Collection<UUID> orderIds) {
		if (orderIds.isEmpty()) {
			return Set.of();
		}
		return Set.copyOf(jdbc.sql("select order_id from route_stop where order_id = any(?) and state = 'PENDING'")
			.param(orderIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/** The latest route the order was on (pending or done), for the order's delivery view. */
	Optional<UUID> latestRouteOf(UUID orderId) {
		return jdbc.sql("""
				select s.route_id from route_stop s join route r on r.id = s.route_id
				where s.order_id = ? and s.state <> 'REMOVED' order by r.planned_at desc limit 1""")
			.param(orderId)
			.query(UUID.class)
			.optional();
	}

	/** A route's own columns, read before its stops. */
	private record RouteRow(UUID id, UUID stationId, Courier courier, GeoPoint start, Instant plannedAt,
			RouteState state, PaceState pace, GeoPoint courierAt, Instant courierSeenAt, Instant startedAt,
			Instant finishedAt, int version) {

		Route restore(List<Stop> stops) {
			return Route.restore(id, stationId, courier, start, plannedAt, state, stops, pace, courierAt, courierSeenAt,
					startedAt, finishedAt, version);
		}

	}

	private static RouteRow mapRoute(ResultSet rs) throws SQLException {
		var courier = new Courier(rs.getString("courier_name"), rs.getString("courier_phone"),
				VehicleProfile.valueOf(rs.getString("vehicle_profile")));
		GeoPoint courierAt = rs.getObject("courier_lat") == null ? null
				: new GeoPoint(rs.getDouble("courier_lat"), rs.getDouble("courier_lon"));
		return new RouteRow(rs.getObject("id", UUID.class), rs.getObject("station_id", UUID.class), courier,
				new GeoPoint(rs.getDouble("start_lat"), rs.getDouble("start_lon")), instant(rs, "planned_at"),
				RouteState.valueOf(rs.getString("state")), JSON.readValue(rs.getString("pace"), PaceState.class),
				courierAt, instant(rs, "courier_seen_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
				rs.getInt("version"));
	}

	private static Stop mapStop(ResultSet rs) throws SQLException {
		return Stop.restore(rs.getObject("order_id", UUID.class), rs.getObject("merchant_id", UUID.class),
				new GeoPoint(rs.getDouble("lat"), rs.getDouble("lon")), rs.getInt("service_seconds"),
				instant(rs, "promised_from"), instant(rs, "promised_to"), rs.getInt("position"),
				StopState.valueOf(rs.getString("state")), rs.getString("failure_reason"), rs.getString("failure_note"),
				instant(rs, "eta"), instant(rs, "eta_earliest"), instant(rs, "eta_latest"),
				(Integer) rs.getObject("planned_travel_seconds"), rs.getBoolean("announced"),
				instant(rs, "told_earliest"), instant(rs, "told_latest"), instant(rs, "told_at"),
				(Integer) rs.getObject("stops_away_told"), instant(rs, "completed_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp t = rs.getTimestamp(column);
		return t == null ? null : t.toInstant();
	}

	private static Timestamp ts(Instant i) {
		return i == null ? null : Timestamp.from(i);
	}

}
