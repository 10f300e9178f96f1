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

/**
 * Claims on delivery rows: a second node skips what the first holds; a stale claim cannot undo a success, nor bring
 * back a message a receipt ended; a message a receipt ended is final for every query that looks for work.
 */
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
		assertThat(deliveries.claimDue(10, Duration.ofMinutes(1)).deliveries()).hasSize(1);
		assertThat(deliveries.claimDue(10, Duration.ofMinutes(1)).deliveries()).isEmpty();
	}

	@Test
	void aLateFailureFromAnExpiredClaimDoesNotUndoASuccess() throws Exception {
		Delivery d = pending();
		Delivery first = deliveries.claimDue(10, Duration.ofMillis(1)).deliveries().get(0);
		Thread.sleep(20);
		Delivery second = deliveries.claimDue(10, Duration.ofMinutes(1)).deliveries().get(0);
		assertThat(second.claimId()).isNotEqualTo(first.claimId());
		assertThat(second.attempts()).isEqualTo(2);

		deliveries.markSent(List.of(second.id()));
		deliveries.markFailed(first, Instant.now(), "timed out");
		deliveries.markDead(first, "gave up");

		assertThat(jdbc.sql("select status from notification_delivery where id = ?").param(d.id())
			.query(String.class).single()).isEqualTo("SENT");
	}

	Delivery sms(UUID orderId, UUID merchantId, String dedupKey, ChannelType channel, DeliveryStatus status) {
		var d = new Delivery(UUID.randomUUID(), orderId, merchantId, NotificationKind.STOCKED, dedupKey, channel,
				channel == ChannelType.SMS ? "+37612345" : "a@example.com", "en", "s", "b", null, status, 0, null,
				Instant.now(), Instant.now(), null, null, null);
		assertThat(deliveries.insertIfAbsent(d)).isTrue();
		return d;
	}

	String status(UUID id) {
		return jdbc.sql("select status || ':' || coalesce(next_attempt_at::text, 'never') from notification_delivery where id = ?")
			.param(id)
			.query(String.class)
			.single()
			.replaceAll(":(?!never).*", ":scheduled");
	}

	@Test
	void aMessageAFailedReceiptEndedIsFinalForEveryQueryThatLooksForWork() throws Exception {
		UUID orderId = UUID.randomUUID();
		UUID merchantId = UUID.randomUUID();
		Delivery d = sms(orderId, merchantId, "k", ChannelType.SMS, DeliveryStatus.PENDING);
		Delivery first = deliveries.claimDue(10, Duration.ofMillis(1)).deliveries().get(0);
		Thread.sleep(20);
		// the lease ran out while the first send was in flight: a second claim holds the row
		Delivery second = deliveries.claimDue(10, Duration.ofMinutes(1)).deliveries().get(0);
		deliveries.markSent(first, "sms-1");
		deliveries.markFailedForGood(d.id(), "receipt: handset unreachable");
		assertThat(status(d.id())).isEqualTo("FAILED:never");

		// the second claim's late outcomes change nothing
		deliveries.markFailed(second, Instant.now(), "timed out");
		deliveries.markDead(second, "gave up");
		deliveries.markSent(second, "sms-2");
		deliveries.release(second);
		assertThat(status(d.id())).isEqualTo("FAILED:never");
		assertThat(jdbc.sql("select provider_ref from notification_delivery where id = ?").param(d.id())
			.query(String.class).single()).isEqualTo("sms-1");

		// never claimed again, not queued, not counted against the hourly limit, not coalesced into
		jdbc.sql("update notification_delivery set locked_until = null").update();
		assertThat(deliveries.claimDue(10, Duration.ofMinutes(1)).deliveries()).isEmpty();
		assertThat(deliveries.countsByStatus()).doesNotContainKey("FAILED").containsEntry("DEAD", 1L);
		assertThat(deliveries.recentCustomerMessages(List.of(orderId))).isEmpty();
		assertThat(deliveries.replaceUnsent(d)).isFalse();

		// but given up on: listed and re-drivable like a dead one
		assertThat(deliveries.findDead(merchantId, ChannelType.SMS, null, 10, 0)).extracting(Delivery::id)
			.containsExactly(d.id());
		assertThat(deliveries.redrive(merchantId, List.of(d.id()), null, null)).containsExactly(d.id());
		assertThat(status(d.id())).isEqualTo("PENDING:scheduled");
		assertThat(deliveries.claimDue(10, Duration.ofMinutes(1)).deliveries()).extracting(Delivery::id).containsExactly(d.id());
	}

	@Test
	void aReDriveSkipsAMessageItsOtherCopyCarriesButNotOneWhoseOtherCopyFailedForGood() {
		UUID merchantId = UUID.randomUUID();
		UUID carried = UUID.randomUUID();
		Delivery smsCarried = sms(carried, merchantId, "k", ChannelType.SMS, DeliveryStatus.SENT);
		deliveries.markFailedForGood(smsCarried.id(), "receipt: expired");
		sms(carried, merchantId, "k", ChannelType.EMAIL, DeliveryStatus.PENDING);
		deliveries.markSent(List.of(jdbc.sql("select id from notification_delivery where order_id = ? and channel = 'EMAIL'")
			.param(carried).query(UUID.class).single()));

		UUID lost = UUID.randomUUID();
		Delivery smsLost = sms(lost, merchantId, "k", ChannelType.SMS, DeliveryStatus.SENT);
		deliveries.markFailedForGood(smsLost.id(), "receipt: expired");
		Delivery emailLost = sms(lost, merchantId, "k", ChannelType.EMAIL, DeliveryStatus.DEAD);

		// the SMS that failed for good does not stand in the way of its dead failover copy
		assertThat(deliveries.redrive(merchantId, null, ChannelType.EMAIL, null)).containsExactly(emailLost.id());
		// now both SMS have a copy that reached or is about to reach the customer
		assertThat(deliveries.redrive(merchantId, null, ChannelType.SMS, null)).isEmpty();
		assertThat(status(smsCarried.id())).isEqualTo("FAILED:never");
		assertThat(status(smsLost.id())).isEqualTo("FAILED:never");
	}

	@Test
	void reDrivingEverythingSendsAMessageWhoseCopiesAllFailedOnceOnThePreferredChannel() {
		UUID merchantId = UUID.randomUUID();
		UUID order = UUID.randomUUID();
		Delivery sms = sms(order, merchantId, "k", ChannelType.SMS, DeliveryStatus.SENT);
		deliveries.markFailedForGood(sms.id(), "receipt: expired");
		Delivery email = sms(order, merchantId, "k", ChannelType.EMAIL, DeliveryStatus.DEAD);
		Delivery webhook = sms(order, merchantId, "k", ChannelType.WEBHOOK, DeliveryStatus.DEAD);
		// the customer prefers SMS, email was the failover
		jdbc.sql("update notification_delivery set channel_rank = case channel when 'EMAIL' then 1 else 0 end where order_id = ?")
			.param(order)
			.update();

		// "re-drive all": one copy for the customer, the preferred one; the merchant's webhook is a message of its own
		assertThat(deliveries.redrive(merchantId, null, null, null)).containsExactlyInAnyOrder(sms.id(), webhook.id());
		assertThat(status(email.id())).startsWith("DEAD:");
		// and re-driving the other copy by hand now finds the message on its way
		assertThat(deliveries.redrive(merchantId, List.of(email.id()), null, null)).isEmpty();
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
