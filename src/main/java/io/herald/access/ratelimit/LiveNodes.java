package io.herald.access.ratelimit;

import java.util.UUID;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many Herald nodes share the database, learned from a heartbeat table: every {@code node-heartbeat} (5 s) each
 * node writes its row and counts the rows seen within {@code node-timeout} (15 s). One write and one read per node
 * every few seconds, never per request; and only while some rate limit is on.
 */
@Component
class LiveNodes {

	private static final Logger log = LoggerFactory.getLogger(LiveNodes.class);

	private final UUID id = UUID.randomUUID();

	private final JdbcClient jdbc;

	private final RateLimitSettings settings;

	private volatile int count = 1;

	LiveNodes(JdbcClient jdbc, RateLimitSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** The live nodes, this one included; 1 until the first heartbeat or while the database is away. */
	int count() {
		return count;
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${herald.rate-limits.node-heartbeat:5s}")
	void heartbeat() {
		if (!settings.any()) {
			return;
		}
		try {
			jdbc.sql("""
					insert into herald_node (id, seen_at) values (?, now())
					on conflict (id) do update set seen_at = excluded.seen_at""").param(id).update();
			int live = jdbc.sql("select count(*) from herald_node where seen_at > now() - ? * interval '1 millisecond'")
				.param(settings.nodeTimeout().toMillis())
				.query(Integer.class)
				.single();
			// rows of nodes long gone, so the table stays as small as the cluster
			jdbc.sql("delete from herald_node where seen_at < now() - interval '1 hour'").update();
			count = Math.max(1, live);
		}
		catch (RuntimeException e) {
			// keep the last count: the limits hold as they were while the database is away
			log.debug("Node heartbeat failed: {}", e.getMessage());
		}
	}

	@PreDestroy
	void leave() {
		if (!settings.any()) {
			return;
		}
		try {
			jdbc.sql("delete from herald_node where id = ?").param(id).update();
		}
		catch (RuntimeException e) {
			log.debug("Could not remove this node's heartbeat: {}", e.getMessage());
		}
	}

}
