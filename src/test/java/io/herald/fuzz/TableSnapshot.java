package io.herald.fuzz;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A cheap fingerprint of everything stored: per application table, the md5 of its rows' text forms in a stable
 * order, in one statement. Two equal fingerprints mean no row was added, removed or changed anywhere.
 */
final class TableSnapshot {

	private final JdbcClient jdbc;

	private final String query;

	private final List<String> tables;

	TableSnapshot(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.tables = jdbc.sql("""
				select table_name from information_schema.tables
				where table_schema = current_schema() and table_type = 'BASE TABLE'
				order by table_name""").query(String.class).list();
		this.query = tables.stream()
			.map(table -> "select '" + table + "' || ':' || md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), ''))"
					+ " as h from " + table + " t")
			.collect(Collectors.joining(" union all ", "select string_agg(h, ' ' order by h) from (", ") s"));
	}

	List<String> tables() {
		return tables;
	}

	/** The fingerprint: one {@code table:md5} per table. */
	String take() {
		return jdbc.sql(query).query(String.class).single();
	}

	/** The tables whose part of the fingerprint differs. */
	static String difference(String before, String after) {
		List<String> a = List.of(before.split(" "));
		return java.util.Arrays.stream(after.split(" "))
			.filter(part -> !a.contains(part))
			.map(part -> part.substring(0, part.indexOf(':')))
			.collect(Collectors.joining(", "));
	}

}
