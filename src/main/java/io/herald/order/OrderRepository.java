package io.herald.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.order.stocking.StockingOutcome;
import io.herald.order.stocking.StockingStatus;
import io.herald.platform.SqlArrays;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
/**
 * Stores orders with explicit SQL: the hot paths (intake replays with ON CONFLICT, batched stocking updates with an
 * optimistic version check) need control an ORM would hide. Every save also appends the order's new events to its
 * story ({@code order_event}) in the same transaction.
 */
@Repository
class OrderRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String COLUMNS = """
			id, merchant_id, order_number, fingerprint, address, lat, lon, region_code, items::text as items,
			customer_name, customer_phone, customer_email, customer_locale, customer_time_zone, placed_at, station_id,
			assigned_by, state, stocking_status, stocking_failure::text as stocking_failure, stocking_reported_at, version,
			resolution, resolved_at""";

	private final JdbcClient jdbc;

	private final RowMapper<Order> mapper = this::map;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts a new order; false when the merchant already has an order with this number (nothing written). */
	boolean insertIfAbsent(Order o) {
		int rows = jdbc.sql("""
				insert into customer_order (id, merchant_id, order_number, fingerprint, address, lat, lon, region_code,
				  items, customer_name, customer_phone, customer_email, customer_locale, customer_time_zone, placed_at,
				  station_id, assigned_by, state, stocking_status, stocking_failure, stocking_reported_at, version)
				values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, 0)
				on conflict (merchant_id, order_number) do nothing""")
			.params(o.id(), o.merchantId(), o.orderNumber(), o.fingerprint(), o.destination().address(),
					o.destination().lat(), o.destination().lon(), o.destination().regionCode(),
					JSON.writeValueAsString(o.lines()), o.customer().name(), o.customer().phone(),
					o.customer().email(), o.customer().locale(), o.customer().timeZone(), ts(o.placedAt()),
					o.stationId(), o.assignedBy(), o.state().name(), o.stockingStatus().name(),
					failureJson(o.stockingOutcome()), ts(o.stockingReportedAt()))
			.update();
		return rows == 1;
	}

	/**
	 * Writes the mutable part of each order, checking the version it was loaded with.
	 * @throws ConcurrentOrderUpdateException when another transaction changed one of them meanwhile
	 */
	void updateAll(Collection<Order> orders) {
		if (orders.isEmpty()) {
			return;
		}
		List<Order> rows = List.copyOf(orders);
		// one statement for all of them (see SqlArrays); each row still checks the version it was loaded with
		int updated = jdbc.sql("""
				update customer_order o set station_id = v.station_id, assigned_by = v.assigned_by, state = v.state,
				  stocking_status = v.stocking_status, stocking_failure = v.stocking_failure::jsonb,
				  stocking_reported_at = v.stocking_reported_at, resolution = v.resolution, resolved_at = v.resolved_at,
				  version = o.version + 1, updated_at = now()
				from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
				            ?::timestamptz[], ?::uuid[], ?::int[])
				  as v(station_id, assigned_by, state, stocking_status, stocking_failure, stocking_reported_at,
				       resolution, resolved_at, id, version)
				where o.id = v.id and o.version = v.version""")
			.params(SqlArrays.uuids(rows, Order::stationId), SqlArrays.texts(rows, Order::assignedBy),
					SqlArrays.texts(rows, o -> o.state().name()), SqlArrays.texts(rows, o -> o.stockingStatus().name()),
					SqlArrays.texts(rows, o -> failureJson(o.stockingOutcome())),
					SqlArrays.timestamps(rows, Order::stockingReportedAt),
					SqlArrays.texts(rows, o -> o.resolution() == null ? null : o.resolution().name()),
					SqlArrays.timestamps(rows, Order::resolvedAt), SqlArrays.uuids(rows, Order::id),
					SqlArrays.ints(rows, Order::version))
			.update();
		if (updated != rows.size()) {
			throw new ConcurrentOrderUpdateException();
		}
		orders.forEach(Order::incrementVersion);
	}

	/** Appends the events to their orders' stories in one statement, in the given order (ids grow with it). */
	void appendEvents(List<OrderEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into order_event (order_id, type, payload, occurred_at)
				select v.order_id, v.type, v.payload::jsonb, v.occurred_at
				from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[]) with ordinality
				  as v(order_id, type, payload, occurred_at, n)
				order by v.n""")
			.params(SqlArrays.uuids(events, OrderEvent::orderId), SqlArrays.texts(events, OrderEvent::type),
					SqlArrays.texts(events, JSON::writeValueAsString), SqlArrays.timestamps(events, OrderEvent::occurredAt))
			.update();
	}

	Optional<Order> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from customer_order where id = ?").param(id).query(mapper).optional();
	}

	List<Order> findAll(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from customer_order where id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(mapper)
			.list();
	}

	/** Loads and row-locks orders (in id order, so concurrent batches cannot deadlock) for a state change. */
	List<Order> findAllForUpdate(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from customer_order where id = any(?) order by id for update")
			.param(ids.toArray(UUID[]::new))
			.query(mapper)
			.list();
	}

	Optional<Order> findByNumber(UUID merchantId, String orderNumber) {
		return jdbc.sql("select " + COLUMNS + " from customer_order where merchant_id = ? and order_number = ?")
			.params(merchantId, orderNumber)
			.query(mapper)
			.optional();
	}

	/**
	 * A page of UNASSIGNED orders after the given id (keyset paging), locked; rows another transaction is changing
	 * are skipped rather than waited for.
	 */
	List<Order> findUnassignedForUpdate(UUID after, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from customer_order where state = 'UNASSIGNED' and id > ?
				order by id limit ? for update skip locked""")
			.params(after, limit)
			.query(mapper)
			.list();
	}

	/** One page of the orders matching the filter, newest placed first or, if asked, oldest first. */
	OrderPage search(OrderFilter filter, int page, int size, boolean oldestFirst) {
		var params = new ArrayList<Object>();
		return page(where(filter, params), params, page, size, oldestFirst);
	}

	/**
	 * The filter's criteria as SQL conditions on {@code customer_order} ({@code " where true and ..."}), their
	 * parameters added to {@code params} in order; more conditions may be appended.
	 */
	static StringBuilder where(OrderFilter filter, List<Object> params) {
		var where = new StringBuilder(" where true");
		if (filter.merchantId() != null) {
			where.append(" and merchant_id = ?");
			params.add(filter.merchantId());
		}
		if (filter.stationId() != null) {
			where.append(" and station_id = ?");
			params.add(filter.stationId());
		}
		if (filter.state() != null) {
			where.append(" and state = ?");
			params.add(filter.state().name());
		}
		if (filter.stockingStatus() != null) {
			where.append(" and stocking_status = ?");
			params.add(filter.stockingStatus().name());
		}
		if (filter.placedFrom() != null) {
			where.append(" and placed_at >= ?");
			params.add(ts(filter.placedFrom()));
		}
		if (filter.placedTo() != null) {
			where.append(" and placed_at < ?");
			params.add(ts(filter.placedTo()));
		}
		if (filter.orderNumberPrefix() != null) {
			where.append(" and order_number like ? escape '\\'");
			params.add(likeEscaped(filter.orderNumberPrefix()) + "%");
		}
		return where;
	}

	/** {@code text} with the LIKE wildcards (and the escape character {@code \}) escaped. */
	static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * One page of the orders matching {@code where} (from {@link #where}), newest placed first or, if asked, oldest
	 * first, with the total.
	 */
	OrderPage page(CharSequence where, List<Object> params, int page, int size, boolean oldestFirst) {
		long total = jdbc.sql("select count(*) from customer_order" + where).params(params).query(Long.class).single();
		var pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<Order> items = jdbc
			.sql("select " + COLUMNS + " from customer_order" + where
					+ (oldestFirst ? " order by placed_at, id" : " order by placed_at desc, id") + " limit ? offset ?")
			.params(pageParams)
			.query(mapper)
			.list();
		return new OrderPage(items, page, size, total);
	}

	List<StoredOrderEvent> story(UUID orderId) {
		return jdbc.sql("select type, payload::text as payload, occurred_at from order_event where order_id = ? order by id")
			.param(orderId)
			.query((rs, n) -> new StoredOrderEvent(rs.getString("type"), JSON.readTree(rs.getString("payload")),
					rs.getTimestamp("occurred_at").toInstant()))
			.list();
	}

	private Order map(ResultSet rs, int n) throws SQLException {
		List<OrderLine> lines = JSON.readValue(rs.getString("items"), new TypeReference<List<OrderLine>>() {
		});
		String failure = rs.getString("stocking_failure");
		StockingStatus status = StockingStatus.valueOf(rs.getString("stocking_status"));
		StockingOutcome outcome = switch (status) {
			case PENDING -> null;
			case STOCKED -> StockingOutcome.stocked();
			case FAILED -> JSON.readValue(failure, StockingOutcome.class);
		};
		Order order = new Order(rs.getObject("id", UUID.class), rs.getObject("merchant_id", UUID.class),
				rs.getString("order_number"), rs.getString("fingerprint"),
				new Destination(rs.getString("address"), rs.getDouble("lat"), rs.getDouble("lon"),
						rs.getString("region_code")),
				lines,
				new Customer(rs.getString("customer_name"), rs.getString("customer_phone"),
						rs.getString("customer_email"), rs.getString("customer_locale"),
						rs.getString("customer_time_zone")),
				rs.getTimestamp("placed_at").toInstant(), rs.getObject("station_id", UUID.class),
				rs.getString("assigned_by"), OrderState.valueOf(rs.getString("state")), status, outcome,
				instant(rs.getTimestamp("stocking_reported_at")), rs.getInt("version"));
		String resolution = rs.getString("resolution");
		order.restoreResolution(resolution == null ? null : Resolution.valueOf(resolution),
				instant(rs.getTimestamp("resolved_at")));
		return order;
	}

	private static String failureJson(StockingOutcome outcome) {
		return outcome == null || outcome.status() != StockingStatus.FAILED ? null : JSON.writeValueAsString(outcome);
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}

}
