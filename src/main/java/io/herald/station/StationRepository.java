package io.herald.station;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StationRepository {

	private static final String COLUMNS = "id, name, depot_lat, depot_lon, service_area::text as service_area, region_codes, active, time_zone";

	private static final RowMapper<Station> MAPPER = StationRepository::map;

	private final JdbcClient jdbc;

	StationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Station s) {
		bind(jdbc.sql("""
				insert into station (id, name, depot_lat, depot_lon, service_area, region_codes, active, time_zone)
				values (:id, :name, :lat, :lon, cast(:area as jsonb), cast(:codes as text[]), :active, :zone)"""), s).update();
	}

	void update(Station s) {
		bind(jdbc.sql("""
				update station set name = :name, depot_lat = :lat, depot_lon = :lon, service_area = cast(:area as jsonb),
				region_codes = cast(:codes as text[]), active = :active, time_zone = :zone, updated_at = now(),
				version = version + 1
				where id = :id"""), s).update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Station s) {
		return statement.param("id", s.id())
			.param("name", s.name())
			.param("lat", s.depotLat())
			.param("lon", s.depotLon())
			.param("area", s.serviceArea())
			.param("codes", toArrayLiteral(s.regionCodes()))
			.param("active", s.active())
			.param("zone", s.timeZone());
	}

	Optional<Station> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from station where id = ?").param(id).query(MAPPER).optional();
	}

	List<Station> findAll() {
		return jdbc.sql("select " + COLUMNS + " from station order by name, id").query(MAPPER).list();
	}

	List<Station> findActive() {
		return jdbc.sql("select " + COLUMNS + " from station where active order by id").query(MAPPER).list();
	}

	private static String toArrayLiteral(Set<String> codes) {
		// region codes are validated as [A-Z0-9-]+ so they need no quoting inside the array literal
		return "{" + String.join(",", codes) + "}";
	}

	private static Station map(ResultSet rs, int n) throws SQLException {
		Array codes = rs.getArray("region_codes");
		Set<String> regionCodes = new LinkedHashSet<>(Arrays.asList((String[]) codes.getArray()));
		return new Station(rs.getObject("id", UUID.class), rs.getString("name"), rs.getDouble("depot_lat"),
				rs.getDouble("depot_lon"), rs.getString("service_area"), regionCodes, rs.getBoolean("active"),
				rs.getString("time_zone"));
	}

}
