package io.herald.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Claims on delivery rows: a second node skips what the first holds; a stale claim cannot undo a success. */
@TestPropertySource(properties = "herald.notifications.dispatch.enabled=false")
class DeliveryClaimIntegrationTests extends IntegrationTestBase {

	@Autowired
	DeliveryRepository deliveries;

	Delivery pending() {
		var d = new Delivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), NotificationKind.STOCKED, "k",
				ChannelType.LOG, "A-1", "en", "s", "b", null, DeliveryStatus.PENDING, 0, null, Instant.now(),
				Instant.now(), null, null, null);
		assertThat(deliveries.insertIfAbsent(d)).isTrue();
		return d;
	}

	@Test
	void aClaimedRowIsNotClaimedAgainWhileItsLeaseHolds() {
		pending();
		assertThat(deliveries.claimDue(10, Duration.ofMinutes(1))).hasSize(1);
		assertThat(deliveries.claimDue(10, Duration.ofMinutes(1))).isEmpty();
	}

	@Test
	void aLateFailureFromAnExpiredClaimDoesNotUndoASuccess() throws Exception {
		Delivery d = pending();
		Delivery first = deliveries.claimDue(10, Duration.ofMillis(1)).get(0);
		Thread.sleep(20);
		Delivery second = deliveries.claimDue(10, Duration.ofMinutes(1)).get(0);
		assertThat(second.claimId()).isNotEqualTo(first.claimId());
		assertThat(second.attempts()).isEqualTo(2);

		deliveries.markSent(List.of(second.id()));
		deliveries.markFailed(first, Instant.now(), "timed out");
		deliveries.markDead(first, "gave up");

		assertThat(jdbc.sql("select status from notification_delivery where id = ?").param(d.id())
			.query(String.class).single()).isEqualTo("SENT");
	}

	@Test
	void theSameIntentIsStoredOnce() {
		Delivery d = pending();
		var again = new Delivery(UUID.randomUUID(), d.orderId(), d.merchantId(), d.kind(), d.dedupKey(), d.channel(),
				d.recipient(), "en", "s", "b", null, DeliveryStatus.PENDING, 0, null, Instant.now(), Instant.now(),
				null, null, null);
		assertThat(deliveries.insertIfAbsent(again)).isFalse();
		var corrected = new Delivery(UUID.randomUUID(), d.orderId(), d.merchantId(), d.kind(), "later event",
				d.channel(), d.recipient(), "en", "s", "b", null, DeliveryStatus.PENDING, 0, null, Instant.now(),
				Instant.now(), null, null, null);
		assertThat(deliveries.insertIfAbsent(corrected)).isTrue();
	}

}
