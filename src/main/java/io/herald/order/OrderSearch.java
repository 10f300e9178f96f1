package io.herald.order;

import java.util.ArrayList;

import io.herald.access.Caller;
import io.herald.platform.InvalidRequestException;
import org.springframework.stereotype.Service;

/**
 * Free-text order search for people (the operator console): the {@link OrderFilter} criteria plus a text that
 * matches the start of the order number or any part of the customer's name, email or phone. Scoped like
 * {@link Orders#search}: the caller's merchant or station overrides the filter's.
 */
@Service
public class OrderSearch {

	private final OrderRepository repository;

	OrderSearch(OrderRepository repository) {
		this.repository = repository;
	}

	/** One page of matching orders, newest placed first. */
	public OrderPage search(String text, OrderFilter filter, int page, int size, Caller caller) {
		if (page < 0 || size < 1 || size > 500) {
			throw new InvalidRequestException("size", "page must be >= 0 and size between 1 and 500");
		}
		OrderFilter scoped = Orders.scoped(filter, caller);
		// the text stands in for the filter's order number prefix
		scoped = new OrderFilter(scoped.merchantId(), scoped.stationId(), scoped.state(), scoped.stockingStatus(),
				scoped.placedFrom(), scoped.placedTo(), null);
		var params = new ArrayList<Object>();
		var where = OrderRepository.where(scoped, params);
		if (text != null && !text.isBlank()) {
			String escaped = OrderRepository.likeEscaped(text.strip());
			where.append(" and (order_number ilike ? escape '\\' or customer_name ilike ? escape '\\'"
					+ " or customer_email ilike ? escape '\\' or customer_phone like ? escape '\\')");
			params.add(escaped + "%");
			params.add("%" + escaped + "%");
			params.add("%" + escaped + "%");
			params.add("%" + escaped + "%");
		}
		return repository.page(where, params, page, size, false);
	}

}
