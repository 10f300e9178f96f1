package io.herald.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.herald.notification.NotificationStats.Outcome;
import io.herald.notification.NotificationStats;
import io.herald.order.stocking.StockingFailureReason;
import io.herald.order.stocking.StockingStats;
import io.herald.routing.EtaStats;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The numbers behind the console's charts, from known data: stocking failures by station and reason, notifications
 * by period, channel and outcome, on-time rate against the told window, and the histogram of ETA error; and the
 * overview's tables show them.
 */
class ConsoleStatsIntegrationTests extends IntegrationTestBase {

	@Autowired
	StockingStats stocking;

	@Autowired
	NotificationStats notifications;

	@Autowired
	EtaStats eta;

	@Test
	void stockingFailuresAreCountedByStationAndReason() {
		var merchant = fixtures.merchant("Acme", null);
		var vella = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var encamp = fixtures.station("Encamp", 42.535, 1.583, Fixtures.ENCAMP);
		fail(merchant, vella, "V-1", "OUT_OF_STOCK");
		fail(merchant, vella, "V-2", "OUT_OF_STOCK");
		fail(merchant, vella, "V-3", "DAMAGED");
		fail(merchant, encamp, "E-1", "OUT_OF_STOCK");
		String stocked = fixtures.place(merchant, Fixtures.order("E-2", 42.535, 1.583, null, "en"));
		api.post("/api/v1/orders/" + stocked + "/stocking", encamp.key(), "{\"status\":\"STOCKED\"}");

		var counts = stocking.failuresByStationAndReason(Instant.now().minus(Duration.ofDays(1)));

		assertThat(counts).containsExactlyInAnyOrder(
				new StockingStats.FailureCount(UUID.fromString(vella.id()), StockingFailureReason.OUT_OF_STOCK, 2),
				new StockingStats.FailureCount(UUID.fromString(vella.id()), StockingFailureReason.DAMAGED, 1),
				new StockingStats.FailureCount(UUID.fromString(encamp.id()), StockingFailureReason.OUT_OF_STOCK, 1));
		assertThat(stocking.failuresByStationAndReason(Instant.now().plusSeconds(60))).isEmpty();
	}

	@Test
	void notificationsAreCountedByPeriodChannelAndOutcome() {
		var data = new ConsoleData(jdbc);
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
		data.notification("WEBHOOK", "SENT", hour.plusSeconds(60));
		data.notification("WEBHOOK", "SENT", hour.plusSeconds(120));
		data.notification("WEBHOOK", "DEAD", hour.plusSeconds(180));
		data.notification("EMAIL", "CONFIRMED", hour.plusSeconds(240));
		data.notification("EMAIL", "SENT", hour.plusSeconds(3600 + 60));
		data.notification("SMS", "SKIPPED", hour.plusSeconds(3600 + 60));
		data.notification("SMS", "FAILED", hour.plusSeconds(3600 + 60));
		data.notification("SMS", "SENT", hour.minus(Duration.ofHours(30)));

		var counts = notifications.byChannelAndOutcome(hour, ChronoUnit.HOURS);

		assertThat(counts).containsExactlyInAnyOrder(new NotificationStats.Count(hour, "EMAIL", Outcome.SENT, 1),
				new NotificationStats.Count(hour, "WEBHOOK", Outcome.SENT, 2),
				new NotificationStats.Count(hour, "WEBHOOK", Outcome.DEAD, 1),
				new NotificationStats.Count(hour.plusSeconds(3600), "EMAIL", Outcome.SENT, 1),
				new NotificationStats.Count(hour.plusSeconds(3600), "SMS", Outcome.RETRYING, 1),
				new NotificationStats.Count(hour.plusSeconds(3600), "SMS", Outcome.NOT_SENT, 1));
		var days = notifications.byChannelAndOutcome(hour.minus(Duration.ofDays(3)), ChronoUnit.DAYS);
		assertThat(days.stream().mapToLong(NotificationStats.Count::notifications).sum()).isEqualTo(8);
	}

	@Test
	void onTimeRateAndEtaErrorAreMeasuredAgainstTheToldWindow() {
		var vella = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var encamp = fixtures.station("Encamp", 42.535, 1.583, Fixtures.ENCAMP);
		var data = new ConsoleData(jdbc);
		Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(5));
		UUID route = data.route(vella.id());
		// windows of 20 minutes (middle at +10): errors -12 (early), -5, 0, +9, +10 (inside, edges included), +45 (late)
		data.deliveredStop(route, 1, base, 0, 20, -2);
		data.deliveredStop(route, 2, base, 0, 20, 5);
		data.deliveredStop(route, 3, base, 0, 20, 10);
		data.deliveredStop(route, 4, base, 0, 20, 19);
		data.deliveredStop(route, 5, base, 0, 20, 20);
		data.deliveredStop(route, 6, base, 0, 20, 55);
		UUID other = data.route(encamp.id());
		data.deliveredStop(other, 1, base, 0, 20, 12);

		var onTime = eta.onTimeByStation(base.minus(Duration.ofHours(1)));

		assertThat(onTime).hasSize(2);
		var atVella = onTime.stream().filter(s -> s.stationId().toString().equals(vella.id())).findFirst().orElseThrow();
		assertThat(atVella).isEqualTo(new EtaStats.OnTime(UUID.fromString(vella.id()), 1, 4, 1));
		assertThat(atVella.percent()).isEqualTo(66.7);
		var atEncamp = onTime.stream().filter(s -> s.stationId().toString().equals(encamp.id())).findFirst().orElseThrow();
		assertThat(atEncamp.percent()).isEqualTo(100.0);

		var bins = eta.etaErrorHistogram(base.minus(Duration.ofHours(1)));
		assertThat(bins).hasSize(12);
		assertThat(bins.get(0)).isEqualTo(new EtaStats.ErrorBin(-30, 0));
		// -12 in [-15,-10); -5 in [-5,0); 0 and +2 in [0,5); +9 in [5,10); +10 in [10,15); +45 beyond: last bin
		assertThat(bins).extracting(EtaStats.ErrorBin::stops).containsExactly(0L, 0L, 0L, 1L, 0L, 1L, 2L, 1L, 1L, 0L,
				0L, 1L);
		assertThat(eta.onTimeByStation(Instant.now().plusSeconds(60))).isEmpty();
		assertThat(eta.etaErrorHistogram(Instant.now().plusSeconds(60))).allMatch(b -> b.stops() == 0);
	}

	@Test
	void theOverviewShowsTheNumbersAndSaysWhenThereAreNone() {
		var operator = fixtures.operatorAccount("olivia");
		var session = new WebSession(port);
		session.signIn(operator.username(), operator.password());
		var empty = session.get("/console");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.body().split("No data yet", -1)).as("four charts without data").hasSize(5);
		assertThat(empty.body()).doesNotContain("<canvas");

		var merchant = fixtures.merchant("Acme", null);
		var vella = fixtures.station("Andorra la Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		fail(merchant, vella, "V-1", "OUT_OF_STOCK");
		var page = session.get("/console");
		assertThat(page.body()).contains("<canvas id=\"stocking-failures\"")
			.contains("<td>Andorra la Vella</td>")
			.contains("out of stock")
			.contains("stocking failures in the last 14 days");
		assertThat(page.body()).contains("id=\"on-time-empty\"").contains("id=\"eta-error-empty\"")
			.doesNotContain("id=\"stocking-failures-empty\"");
	}

	private void fail(Fixtures.Merchant merchant, Fixtures.Station station, String number, String reason) {
		String order = fixtures.place(merchant, Fixtures.order(number, 42.507, 1.52, null, "en"));
		// the fixture's coordinates are in Andorra la Vella: put the order where the reporting station is
		jdbc.sql("update customer_order set station_id = ?::uuid where id = ?::uuid").params(station.id(), order).update();
		var report = api.post("/api/v1/orders/" + order + "/stocking", station.key(),
				"{\"status\":\"FAILED\",\"reason\":\"" + reason + "\"}");
		assertThat(report.status()).as(report.toString()).isEqualTo(200);
	}

}
