package io.herald.order;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.platform.InvalidRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Free-text order search for people (the operator console): the {@link OrderFilter} criteria plus a text that
 * matches the start of the order number or any part of the customer's name, email or phone. Scoped like
 * {@link Orders#search}: the caller's merchant or station overrides the filter's.
 */
@Service
public class OrderSearch {

	private final JdbcClient jdbc;

	private final OrderRepository repository;

	OrderSearch(JdbcClient jdbc, OrderRepository repository) {
		this.jdbc = jdbc;
		this.repository = repository;
	}

	/** One page of matching orders, newest placed first. */
	public OrderPage search(String text, OrderFilter filter, int page, int size, Caller caller) {
		if (page < 0 || size < 1 || size > 500) {
			throw new InvalidRequestException("size", "page must be >= 0 and size between 1 and 500");
		}
		var where = new StringBuilder(" where true");
		var params = new ArrayList<Object>();
		UUID merchant = caller.merchantScope().orElse(filter.merchantId());
		UUID station = caller.stationScope().orElse(filter.stationId());
		if (merchant != null) {
			where.append(" and merchant_id = ?");
			params.add(merchant);
		}
		if (station != null) {
			where.append(" and station_id = ?");
			params.add(station);
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
			params.add(Timestamp.from(filter.placedFrom()));
		}
		if (filter.placedTo() != null) {
			where.append(" and placed_at < ?");
			params.add(Timestamp.from(filter.placedTo()));
		}
		if (text != null && !text.isBlank()) {
			String escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
			where.append(" and (order_number ilike ? escape '\\' or customer_name ilike ? escape '\\'"
					+ " or customer_email ilike ? escape '\\' or customer_phone like ? escape '\\')");
			params.add(escaped + "%");
			params.add("%" + escaped + "%");
			params.add("%" + escaped + "%");
			params.add("%" + escaped + "%");
		}
		long total = jdbc.sql("select count(*) from customer_order" + where).params(params).query(Long.class).single();
		var pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<UUID> ids = jdbc
			.sql("select id from customer_order" + where + " order by placed_at desc, id limit ? offset ?")
			.params(pageParams)
			.query(UUID.class)
			.list();
		Map<UUID, Integer> rank = new HashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			rank.put(ids.get(i), i);
		}
		List<Order> items = repository.findAll(ids)
			.stream()
			.sorted(Comparator.comparing(o -> rank.get(o.id())))
			.toList();
		return new OrderPage(items, page, size, total);
	}

}
