package io.herald.support;

import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Helpers for tests that start Herald nodes of their own (several on one database, or one after another) instead of
 * the Spring context of an {@link IntegrationTestBase}.
 */
public final class Nodes {

	private Nodes() {
	}

	/** Command-line arguments, so that they win over application.properties. */
	public static String[] args(Map<String, ?> properties) {
		return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	/** A client of the node, on its port. */
	public static Api api(ConfigurableApplicationContext node) {
		return new Api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
	}

	/** The single number the query returns, on the node's database. */
	public static long count(ConfigurableApplicationContext node, String sql) {
		return node.getBean(JdbcClient.class).sql(sql).query(Long.class).single();
	}

}
