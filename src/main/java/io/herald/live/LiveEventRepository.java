package io.herald.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.platform.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code live_event} rows. Every read returns only rows below the horizon, the oldest transaction still running
 * ({@code pg_snapshot_xmin(pg_current_snapshot())}), in cursor order: every transaction below it has committed or
 * rolled back, so the rows a read returns are final and no later commit can add one before the last of them. Reading
 * past a cursor therefore never skips a row, whatever order the writers commit in.
 *
 * <p>
 * {@code xid8} travels as text: it is an unsigned 64-bit number without a JDBC type, and PostgreSQL casts text to it.
 */
@Repository
class LiveEventRepository {

	private final JdbcClient jdbc;

	LiveEventRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts the rows in one statement, in the given order (ids grow with it); they take the calling transaction's id. */
	void insertAll(List<NewLiveEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into live_event (order_id, station_id, type, payload, occurred_at)
				select v.order_id, v.station_id, v.type, v.payload, v.occurred_at
				from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) with ordinality
				  as v(order_id, station_id, type, payload, occurred_at, n)
				order by v.n""")
			.params(SqlArrays.uuids(events, NewLiveEvent::orderId), SqlArrays.uuids(events, NewLiveEvent::stationId),
					SqlArrays.texts(events, NewLiveEvent::type), SqlArrays.texts(events, NewLiveEvent::payload),
					SqlArrays.timestamps(events, NewLiveEvent::occurredAt))
			.update();
	}

	/**
	 * Appends a copy of a customer message to its order's stream (not the station's), in a transaction of its own,
	 * unless the order's stream has it already (the same message id, a unique index): a re-send after a crash, or two
	 * senders racing after a lease ran out, add nothing. The payload carries the message id as {@code notificationId}.
	 */
	void insertMessage(UUID orderId, String payload, Instant occurredAt) {
		jdbc.sql("""
				insert into live_event (order_id, type, payload, occurred_at) values (?, ?, ?, ?)
				on conflict (order_id, (payload::jsonb ->> 'notificationId')) where type = 'notification.message'
				do nothing""")
			.params(orderId, LiveFeed.MESSAGE, payload, Timestamp.from(occurredAt))
			.update();
	}

	/**
	 * Deletes, of the {@code limit} oldest events (by id: ids grow with time), those created before {@code cutoff};
	 * returns how many. Only the primary key's start is read, so a run that finds nothing to delete costs one batch
	 * read, not a scan of the table.
	 */
	int deleteCreatedBefore(Instant cutoff, int limit) {
		return jdbc.sql("""
				delete from live_event where id in (select id from live_event order by id limit ?) and created_at < ?""")
			.params(limit, java.sql.Timestamp.from(cutoff))
			.update();
	}

	/** The oldest transaction still running: rows of transactions below it are final. */
	long horizon() {
		return Long.parseLong(jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text").query(String.class)
			.single());
	}

	/** All orders' rows after the cursor and below {@code horizon} (an earlier {@link #horizon()}). */
	List<LiveEvent> after(Cursor cursor, long horizon, int limit) {
		return jdbc.sql("""
				select txid::text as txid, id, order_id, station_id, type, payload from live_event
				where (txid, id) > (cast(? as xid8), ?) and txid < cast(? as xid8)
				order by txid, id limit ?""")
			.params(Long.toString(cursor.txid()), cursor.id(), Long.toString(horizon), limit)
			.query(LiveEventRepository::map)
			.list();
	}

	/** One order's rows after the cursor, below the current horizon. */
	List<LiveEvent> ofOrderAfter(UUID orderId, Cursor cursor, int limit) {
		return ofOwnerAfter("order_id", orderId, cursor, limit);
	}

	/** One station's rows after the cursor, below the current horizon. */
	List<LiveEvent> ofStationAfter(UUID stationId, Cursor cursor, int limit) {
		return ofOwnerAfter("station_id", stationId, cursor, limit);
	}

	private List<LiveEvent> ofOwnerAfter(String column, UUID owner, Cursor cursor, int limit) {
		return jdbc.sql("""
				select txid::text as txid, id, order_id, station_id, type, payload from live_event
				where %s = ? and (txid, id) > (cast(? as xid8), ?) and txid < pg_snapshot_xmin(pg_current_snapshot())
				order by txid, id limit ?""".formatted(column))
			.params(owner, Long.toString(cursor.txid()), cursor.id(), limit)
			.query(LiveEventRepository::map)
			.list();
	}

	private static LiveEvent map(ResultSet rs, int row) throws SQLException {
		return new LiveEvent(new Cursor(Long.parseLong(rs.getString("txid")), rs.getLong("id")),
				rs.getObject("order_id", UUID.class), rs.getObject("station_id", UUID.class), rs.getString("type"),
				rs.getString("payload"));
	}

	/** A row to insert: its cursor is assigned by the database. */
	record NewLiveEvent(UUID orderId, UUID stationId, String type, String payload, Instant occurredAt) {
	}

}
