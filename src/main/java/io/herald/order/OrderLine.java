package io.herald.order;

/** One cargo line; {@code line} is its 1-based position in the order. */
public record OrderLine(int line, String sku, String name, int quantity) {

	public OrderLine {
		if (quantity <= 0) {
			throw new IllegalArgumentException("quantity must be positive");
		}
	}

}
