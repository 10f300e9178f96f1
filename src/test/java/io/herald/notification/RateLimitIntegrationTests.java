package io.herald.notification;

import java.time.Instant;
import java.util.UUID;

import io.herald.routing.RouteEvent;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At most N non-urgent customer messages per order and hour; urgent ones go through and the merchant sees all; the
 * copies on the order's live stream follow what the customer is sent and do not count.
 */
@TestPropertySource(properties = "herald.notifications.max-per-order-per-hour=2")
class RateLimitIntegrationTests extends IntegrationTestBase {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void beyondTheLimitNonUrgentMessagesAreSkippedWithTheReasonAndUrgentOnesStillGo() {
		var merchant = fixtures.merchant("Acme", receiver().url("/limit"));
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = fixtures.place(merchant, Fixtures.order("L-1", 42.507, 1.52, "busy@example.com", "en"));
		UUID id = UUID.fromString(orderId);
		UUID merchantId = UUID.fromString(merchant.id());
		UUID route = UUID.randomUUID();
		Instant now = Instant.now();
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}")
			.status()).isEqualTo(200);
		publish(new RouteEvent.StopAnnounced(id, merchantId, route, 5, 9, 4, now, now.plusSeconds(1800), now));
		publish(new RouteEvent.StopsAwayReached(id, merchantId, route, 3, 3, false, now, now.plusSeconds(1800), now));
		publish(new RouteEvent.StopsAwayReached(id, merchantId, route, 1, 1, false, now, now.plusSeconds(1800), now));

		eventually("the merchant hears of all four", () -> receiver().received("/limit").size() == 4);
		eventually("the emails settle", () -> count("""
				select count(*) from notification where channel = 'EMAIL' and status in ('PENDING', 'FAILED')""") == 0);
		assertThat(emailStatus("STOCKED")).isEqualTo("SENT");
		assertThat(emailStatus("OUT_FOR_DELIVERY")).isEqualTo("SENT");
		// the third non-urgent message in the hour is not sent, and says why
		assertThat(emailStatus("STOPS_AWAY", "%3")).isEqualTo("SKIPPED");
		assertThat(jdbc.sql("""
				select last_error from notification where channel = 'EMAIL' and kind = 'STOPS_AWAY'
				  and dedup_key like '%3'""").query(String.class).single())
			.isEqualTo("rate limit: at most 2 messages per order and hour");
		// "1 stop away" is urgent: exempt
		assertThat(emailStatus("STOPS_AWAY", "%1")).isEqualTo("SENT");
		// the order's live stream has a copy of each message the customer was sent and of no other; the copies do
		// not count against the limit (else "out for delivery" would have been the third message)
		eventually("the copies are sent", () -> count("""
				select count(*) from notification where channel = 'LIVE' and status = 'SENT'""") == 3);
		assertThat(jdbc.sql("""
				select kind || case when kind = 'STOPS_AWAY' then ':' || dedup_key else '' end
				from notification where channel = 'LIVE'""").query(String.class).list())
			.containsExactlyInAnyOrder("STOCKED", "OUT_FOR_DELIVERY", "STOPS_AWAY:1");
	}

	void publish(Object event) {
		transactions.executeWithoutResult(tx -> events.publishEvent(event));
	}

	String emailStatus(String kind) {
		return emailStatus(kind, "%");
	}

	String emailStatus(String kind, String dedup) {
		return jdbc.sql("""
				select status from notification where channel = 'EMAIL' and kind = ? and dedup_key like ?""")
			.params(kind, dedup)
			.query(String.class)
			.single();
	}

}
