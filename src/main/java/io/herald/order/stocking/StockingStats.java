package io.herald.order.stocking;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stocking failures as reported, for the operator console's charts: every failure report in the order's story
 * (a corrected failure still counts: it happened), by the station that reported it and the reason.
 */
@Component
public class StockingStats {

	private final JdbcClient jdbc;

	StockingStats(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** How many failures one station reported for one reason. */
	public record FailureCount(UUID stationId, StockingFailureReason reason, long failures) {
	}

	/** Failure reports since the given time, by station and reason; stations and reasons without any are absent. */
	public List<FailureCount> failuresByStationAndReason(Instant since) {
		return jdbc.sql("""
				select cast(payload->>'stationId' as uuid) as station_id, payload->>'reason' as reason, count(*) as n
				from order_event
				where type = 'order.stocking_failed' and occurred_at >= ?
				group by 1, 2 order by 1, 2""")
			.param(Timestamp.from(since))
			.query((rs, n) -> new FailureCount(rs.getObject("station_id", UUID.class),
					StockingFailureReason.valueOf(rs.getString("reason")), rs.getLong("n")))
			.list();
	}

}
