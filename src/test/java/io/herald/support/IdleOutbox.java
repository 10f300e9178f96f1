package io.herald.support;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.fail;

/**
 * Waits until nothing more will be sent, so that a test can assert "nothing more was sent" on a fact instead of
 * after a pause a late duplicate could outlast. Everything a Herald node is about to send is in the database: the
 * planner writes a change's notification rows in the change's own transaction (once the HTTP call has returned they
 * exist), a claimed row keeps its lease until its outcome is written (a send is marked SENT only after the receiver
 * answered, so an idle outbox also means every receiver has recorded what it got), and work still to be planned after
 * a commit is an incomplete event publication. Because it looks at the database, it sees every node sharing it.
 */
public final class IdleOutbox {

	/** Rows due within this are waited for: retries in tests are 50 to 200 ms apart. */
	static final Duration SOON = Duration.ofSeconds(1);

	private static final String DUE_OR_IN_FLIGHT = """
			select 'notification ' || id || ' ' || channel || ' ' || status
			  || case when locked_until > now() then ' in flight' else ' due at ' || next_attempt_at end
			from notification
			where (status = 'PENDING' or (status = 'FAILED' and next_attempt_at is not null))
			  and (next_attempt_at <= now() + make_interval(secs => ?) or locked_until > now())""";

	/**
	 * A standby whose chain has no customer message alive any more: the dispatcher marks the failed one DEAD and
	 * activates the next standby in two statements, and a failed receipt does the same; between them the outbox would
	 * look idle although the fallback is about to go out.
	 */
	private static final String FAILOVER_UNDER_WAY = """
			select 'standby ' || s.id || ' ' || s.channel || ' after its chain failed'
			from notification s
			where s.status = 'STANDBY'
			  and not exists (select 1 from notification t
			                  where t.order_id = s.order_id and t.kind = s.kind and t.dedup_key = s.dedup_key
			                    and t.channel in ('EMAIL', 'SMS')
			                    and (t.status in ('PENDING', 'SENT', 'CONFIRMED')
			                         or (t.status = 'FAILED' and t.next_attempt_at is not null)))""";

	/** Events handled after their commit (asynchronous module listeners) that may still plan messages. */
	private static final String EVENTS_UNDER_WAY = """
			select 'event ' || event_type || ' for ' || listener_id
			from event_publication
			where completion_date is null and coalesce(status, '') <> 'FAILED'""";

	private IdleOutbox() {
	}

	/**
	 * Returns once no notification is due within {@link #SOON} or in flight, no failover is under way and no event is
	 * still being handled; fails the test, naming what is still pending, if that takes more than 15 seconds.
	 */
	public static void await(JdbcClient jdbc) {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		List<String> pending = pending(jdbc);
		while (!pending.isEmpty()) {
			if (System.nanoTime() > deadline) {
				fail("the outbox did not become idle in 15 s; still pending: " + pending);
			}
			IntegrationTestBase.pause();
			pending = pending(jdbc);
		}
	}

	static List<String> pending(JdbcClient jdbc) {
		return jdbc.sql(DUE_OR_IN_FLIGHT + " union all " + FAILOVER_UNDER_WAY + " union all " + EVENTS_UNDER_WAY
				+ " limit 10")
			.param(SOON.toMillis() / 1000.0)
			.query(String.class)
			.list();
	}

}
