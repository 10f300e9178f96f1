package io.herald.routing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How well the ETA windows held, for the operator console's charts. A delivered stop is measured against the window
 * its customer was last told ({@code told_earliest..told_latest}), or, if the customer was never told one, the last
 * forecast window ({@code eta_earliest..eta_latest}); stops with neither are not counted. The arrival is the time the
 * courier marked the stop delivered.
 */
@Component
public class EtaStats {

	/** Width of one bin of the ETA error histogram, in minutes. */
	public static final int BIN_MINUTES = 5;

	/** Bins reach from -LIMIT to +LIMIT minutes; errors beyond fall into the first or last bin. */
	public static final int LIMIT_MINUTES = 30;

	private static final String MEASURED = """
			select r.station_id, s.completed_at,
			  coalesce(s.told_earliest, s.eta_earliest) as earliest, coalesce(s.told_latest, s.eta_latest) as latest
			from route_stop s join route r on r.id = s.route_id
			where s.state = 'DELIVERED' and s.completed_at >= ?
			  and coalesce(s.told_earliest, s.eta_earliest) is not null
			  and coalesce(s.told_latest, s.eta_latest) is not null""";

	private final JdbcClient jdbc;

	EtaStats(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One station's deliveries against their windows.
	 *
	 * @param early delivered before the window opened
	 * @param onTime delivered inside the window (both ends included)
	 * @param late delivered after the window closed
	 */
	public record OnTime(UUID stationId, long early, long onTime, long late) {

		public long delivered() {
			return early + onTime + late;
		}

		/** Percent on time, one decimal; 0 without deliveries. */
		public double percent() {
			return delivered() == 0 ? 0 : Math.round(1000.0 * onTime / delivered()) / 10.0;
		}

	}

	/** One bin of the histogram: errors in {@code [fromMinutes, fromMinutes + BIN_MINUTES)}. */
	public record ErrorBin(int fromMinutes, long stops) {
	}

	/** Deliveries since the given time per station, against their ETA windows; stations without any are absent. */
	public List<OnTime> onTimeByStation(Instant since) {
		return jdbc.sql("select station_id, count(*) filter (where completed_at < earliest),"
				+ " count(*) filter (where completed_at between earliest and latest),"
				+ " count(*) filter (where completed_at > latest) from (" + MEASURED + ") m group by station_id"
				+ " order by station_id")
			.param(Timestamp.from(since))
			.query((rs, n) -> new OnTime(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.list();
	}

	/**
	 * The ETA error of the deliveries since the given time: arrival minus the middle of the window, in minutes, in
	 * bins of {@link #BIN_MINUTES} from -{@link #LIMIT_MINUTES} to +{@link #LIMIT_MINUTES} (errors beyond are counted
	 * in the outermost bins). Every bin is present, empty ones with 0; all empty when nothing was delivered.
	 */
	public List<ErrorBin> etaErrorHistogram(Instant since) {
		int bins = 2 * LIMIT_MINUTES / BIN_MINUTES;
		long[] counts = new long[bins];
		jdbc.sql("select floor(extract(epoch from (completed_at - (earliest + (latest - earliest) / 2))) / 60.0 / "
				+ BIN_MINUTES + ") as bin, count(*) from (" + MEASURED + ") m group by 1")
			.param(Timestamp.from(since))
			.query((rs, n) -> {
				int bin = (int) rs.getLong(1) + bins / 2;
				counts[Math.max(0, Math.min(bins - 1, bin))] += rs.getLong(2);
				return null;
			})
			.list();
		return java.util.stream.IntStream.range(0, bins)
			.mapToObj(i -> new ErrorBin(-LIMIT_MINUTES + i * BIN_MINUTES, counts[i]))
			.toList();
	}

}
