package io.herald.platform;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One column of many rows as an array parameter, so that a single statement writes them all:
 * {@code insert ... select ... from unnest(?::uuid[], ?::text[], ...) with ordinality}.
 *
 * <p>Why not a JDBC batch: the PostgreSQL driver sends a batch in one round trip, but the server still parses, binds
 * and executes each row as a statement of its own. The profile of the stocking path (docs/benchmarks.md, issue 10)
 * showed that per-statement work as a large part of PostgreSQL's CPU per report; one statement per table per
 * transaction removes it. Times travel as ISO-8601 text ({@code ::timestamptz[]} in the SQL) because the driver has
 * no array form of {@link java.sql.Timestamp}; PostgreSQL rounds them to microseconds as it does any timestamp.
 */
public final class SqlArrays {

	private SqlArrays() {
	}

	public static <T> UUID[] uuids(List<T> rows, Function<T, UUID> column) {
		return column(rows, column, UUID[]::new);
	}

	public static <T> String[] texts(List<T> rows, Function<T, String> column) {
		return column(rows, column, String[]::new);
	}

	/** ISO-8601 instants, or nulls, for {@code ?::timestamptz[]}. */
	public static <T> String[] timestamps(List<T> rows, Function<T, Instant> column) {
		return texts(rows, row -> {
			Instant value = column.apply(row);
			return value == null ? null : value.toString();
		});
	}

	public static <T> Integer[] ints(List<T> rows, Function<T, Integer> column) {
		return column(rows, column, Integer[]::new);
	}

	private static <T, V> V[] column(List<T> rows, Function<T, V> column, IntFunction<V[]> array) {
		V[] values = array.apply(rows.size());
		for (int i = 0; i < values.length; i++) {
			values[i] = column.apply(rows.get(i));
		}
		return values;
	}

}
