package io.herald.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows for the console's statistics with known numbers, written straight into the tables (finished routes and
 * settled notifications: nothing picks them up again), because driving couriers through whole routes would only
 * make the numbers harder to know.
 */
final class ConsoleData {

	private final JdbcClient jdbc;

	ConsoleData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A finished route of the station; returns its id. */
	UUID route(String stationId) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into route (id, station_id, courier_name, vehicle_profile, state, start_lat, start_lon, pace,
				  planned_at, started_at, finished_at)
				values (?, ?::uuid, 'Test courier', 'CAR', 'FINISHED', 42.5, 1.52, '{}', now(), now(), now())""")
			.params(id, stationId)
			.update();
		return id;
	}

	/**
	 * A delivered stop told the window {@code from..to} minutes from a base time, delivered {@code at} minutes from
	 * it.
	 */
	void deliveredStop(UUID route, int position, Instant base, int from, int to, int at) {
		jdbc.sql("""
				insert into route_stop (route_id, order_id, merchant_id, position, lat, lon, service_seconds, state,
				  told_earliest, told_latest, eta_earliest, eta_latest, completed_at)
				values (?, ?, ?, ?, 42.5, 1.52, 60, 'DELIVERED', ?, ?, ?, ?, ?)""")
			.params(route, UUID.randomUUID(), UUID.randomUUID(), position, ts(base.plusSeconds(60L * from)),
					ts(base.plusSeconds(60L * to)), ts(base.plusSeconds(60L * from)), ts(base.plusSeconds(60L * to)),
					ts(base.plusSeconds(60L * at)))
			.update();
	}

	/** A settled notification (status SENT, DEAD, SKIPPED...; FAILED waits a day) created at the given time. */
	void notification(String channel, String status, Instant createdAt) {
		jdbc.sql("""
				insert into notification (id, order_id, merchant_id, kind, channel, recipient, locale, body,
				  status, attempts, next_attempt_at, event_occurred_at, created_at, dedup_key)
				values (?, ?, ?, 'STOCKED', ?, 'someone', 'en', 'body', ?, 1, now() + interval '1 day', ?, ?, '')""")
			.params(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), channel, status, ts(createdAt),
					ts(createdAt))
			.update();
	}

	private static Timestamp ts(Instant i) {
		return Timestamp.from(i);
	}

}
