package io.herald.order;

import java.util.List;

/** One page of orders, newest placed first. */
public record OrderPage(List<Order> items, int page, int size, long total) {
}
