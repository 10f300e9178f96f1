package io.herald.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cheap fingerprint of everything stored: per application table, the md5 of its rows' text forms in a stable
 * order, in one statement. Two equal fingerprints mean no row was added, removed or changed anywhere, except in what
 * Herald keeps as bookkeeping on its own schedule, which a refused request could never be blamed for: the live nodes'
 * heartbeats ({@code herald_node}) and the API keys' last-use times, written by a flush every minute on any node
 * (also on the application contexts of other test classes that share the database).
 */
public final class TableSnapshot {

	/** Tables left out whole. */
	private static final Set<String> BOOKKEEPING_TABLES = Set.of("herald_node", "flyway_schema_history");

	/** Columns left out, as table.column. */
	private static final Set<String> BOOKKEEPING_COLUMNS = Set.of("api_key.last_used_at");

	private final JdbcClient jdbc;

	private final String query;

	private final List<String> tables;

	public TableSnapshot(JdbcClient jdbc) {
		this.jdbc = jdbc;
		Map<String, List<String>> columns = new LinkedHashMap<>();
		jdbc.sql("""
				select c.table_name, c.column_name from information_schema.columns c
				join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
				where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
				order by c.table_name, c.ordinal_position""")
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.filter(column -> !BOOKKEEPING_TABLES.contains(column.getKey())
					&& !BOOKKEEPING_COLUMNS.contains(column.getKey() + "." + column.getValue()))
			.forEach(column -> columns.computeIfAbsent(column.getKey(), table -> new java.util.ArrayList<>())
				.add(column.getValue()));
		this.tables = List.copyOf(columns.keySet());
		this.query = columns.entrySet()
			.stream()
			.map(table -> {
				String row = "md5(row(" + table.getValue().stream().map(c -> "t.\"" + c + "\"")
					.collect(Collectors.joining(", ")) + ")::text)";
				return "select '" + table.getKey() + "' || ':' || md5(coalesce(string_agg(" + row + ", '' order by "
						+ row + "), '')) as h from \"" + table.getKey() + "\" t";
			})
			.collect(Collectors.joining(" union all ", "select string_agg(h, ' ' order by h) from (", ") s"));
	}

	public List<String> tables() {
		return tables;
	}

	/** The fingerprint: one {@code table:md5} per table. */
	public String take() {
		return jdbc.sql(query).query(String.class).single();
	}

	/** The tables whose part of the fingerprint differs. */
	public static String difference(String before, String after) {
		List<String> a = List.of(before.split(" "));
		return java.util.Arrays.stream(after.split(" "))
			.filter(part -> !a.contains(part))
			.map(part -> part.substring(0, part.indexOf(':')))
			.collect(Collectors.joining(", "));
	}

}
