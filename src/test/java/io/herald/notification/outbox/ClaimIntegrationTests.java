package io.herald.notification.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.NotificationStatus;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims on notification rows: a second node skips what the first holds; a stale claim cannot undo a success, nor bring
 * back a message a receipt ended; a message a receipt ended is final for every query that looks for work.
 */
@TestPropertySource(properties = "herald.notifications.dispatch.enabled=false")
class ClaimIntegrationTests extends IntegrationTestBase {

	@Autowired
	Outbox outbox;

	@Autowired
	OutboxAdministration administration;

	@Autowired
	OutboxReceipts receipts;

	Notification pending() {
		var d = new Notification(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), NotificationKind.STOCKED, "k",
				ChannelType.LOG, "A-1", "en", "s", "b", null, NotificationStatus.PENDING, 0, null, Instant.now(),
				Instant.now(), null, null, null);
		assertThat(outbox.insertIfAbsent(d)).isTrue();
		return d;
	}

	@Test
	void aClaimedRowIsNotClaimedAgainWhileItsLeaseHolds() {
		pending();
		assertThat(outbox.claimDue(10, Duration.ofMinutes(1)).notifications()).hasSize(1);
		assertThat(outbox.claimDue(10, Duration.ofMinutes(1)).notifications()).isEmpty();
	}

	@Test
	void aLateFailureFromAnExpiredClaimDoesNotUndoASuccess() throws Exception {
		Notification d = pending();
		Notification first = outbox.claimDue(10, Duration.ofMillis(1)).notifications().get(0);
		// the lease ends by PostgreSQL's now(), which no test clock moves: real time has to pass
		Thread.sleep(20);
		Notification second = outbox.claimDue(10, Duration.ofMinutes(1)).notifications().get(0);
		assertThat(second.claimId()).isNotEqualTo(first.claimId());
		assertThat(second.attempts()).isEqualTo(2);

		outbox.markSent(List.of(second.id()));
		outbox.markFailed(first, Instant.now(), "timed out");
		outbox.markDead(first, "gave up");

		assertThat(jdbc.sql("select status from notification where id = ?").param(d.id())
			.query(String.class).single()).isEqualTo("SENT");
	}

	Notification sms(UUID orderId, UUID merchantId, String dedupKey, ChannelType channel, NotificationStatus status) {
		var d = new Notification(UUID.randomUUID(), orderId, merchantId, NotificationKind.STOCKED, dedupKey, channel,
				channel == ChannelType.SMS ? "+37612345" : "a@example.com", "en", "s", "b", null, status, 0, null,
				Instant.now(), Instant.now(), null, null, null);
		assertThat(outbox.insertIfAbsent(d)).isTrue();
		return d;
	}

	String status(UUID id) {
		return jdbc.sql("select status || ':' || coalesce(next_attempt_at::text, 'never') from notification where id = ?")
			.param(id)
			.query(String.class)
			.single()
			.replaceAll(":(?!never).*", ":scheduled");
	}

	@Test
	void aMessageAFailedReceiptEndedIsFinalForEveryQueryThatLooksForWork() throws Exception {
		UUID orderId = UUID.randomUUID();
		UUID merchantId = UUID.randomUUID();
		Notification d = sms(orderId, merchantId, "k", ChannelType.SMS, NotificationStatus.PENDING);
		Notification first = outbox.claimDue(10, Duration.ofMillis(1)).notifications().get(0);
		// the lease ends by PostgreSQL's now(), which no test clock moves: real time has to pass
		Thread.sleep(20);
		// the lease ran out while the first send was in flight: a second claim holds the row
		Notification second = outbox.claimDue(10, Duration.ofMinutes(1)).notifications().get(0);
		outbox.markSent(first, "sms-1");
		receipts.markFailedForGood(d.id(), "receipt: handset unreachable");
		assertThat(status(d.id())).isEqualTo("FAILED:never");

		// the second claim's late outcomes change nothing
		outbox.markFailed(second, Instant.now(), "timed out");
		outbox.markDead(second, "gave up");
		outbox.markSent(second, "sms-2");
		outbox.release(second);
		assertThat(status(d.id())).isEqualTo("FAILED:never");
		assertThat(jdbc.sql("select provider_ref from notification where id = ?").param(d.id())
			.query(String.class).single()).isEqualTo("sms-1");

		// never claimed again, not queued, not counted against the hourly limit, not coalesced into
		jdbc.sql("update notification set locked_until = null").update();
		assertThat(outbox.claimDue(10, Duration.ofMinutes(1)).notifications()).isEmpty();
		assertThat(administration.countsByStatus()).doesNotContainKey("FAILED").containsEntry("DEAD", 1L);
		assertThat(outbox.recentCustomerMessages(List.of(orderId))).isEmpty();
		assertThat(outbox.replaceUnsent(d)).isFalse();

		// but given up on: listed and re-drivable like a dead one
		assertThat(administration.findDead(merchantId, ChannelType.SMS, null, 10, 0)).extracting(Notification::id)
			.containsExactly(d.id());
		assertThat(administration.redrive(merchantId, List.of(d.id()), null, null)).containsExactly(d.id());
		assertThat(status(d.id())).isEqualTo("PENDING:scheduled");
		assertThat(outbox.claimDue(10, Duration.ofMinutes(1)).notifications()).extracting(Notification::id).containsExactly(d.id());
	}

	@Test
	void aReDriveSkipsAMessageItsOtherCopyCarriesButNotOneWhoseOtherCopyFailedForGood() {
		UUID merchantId = UUID.randomUUID();
		UUID carried = UUID.randomUUID();
		Notification smsCarried = sms(carried, merchantId, "k", ChannelType.SMS, NotificationStatus.SENT);
		receipts.markFailedForGood(smsCarried.id(), "receipt: expired");
		sms(carried, merchantId, "k", ChannelType.EMAIL, NotificationStatus.PENDING);
		outbox.markSent(List.of(jdbc.sql("select id from notification where order_id = ? and channel = 'EMAIL'")
			.param(carried).query(UUID.class).single()));

		UUID lost = UUID.randomUUID();
		Notification smsLost = sms(lost, merchantId, "k", ChannelType.SMS, NotificationStatus.SENT);
		receipts.markFailedForGood(smsLost.id(), "receipt: expired");
		Notification emailLost = sms(lost, merchantId, "k", ChannelType.EMAIL, NotificationStatus.DEAD);

		// the SMS that failed for good does not stand in the way of its dead failover copy
		assertThat(administration.redrive(merchantId, null, ChannelType.EMAIL, null)).containsExactly(emailLost.id());
		// now both SMS have a copy that reached or is about to reach the customer
		assertThat(administration.redrive(merchantId, null, ChannelType.SMS, null)).isEmpty();
		assertThat(status(smsCarried.id())).isEqualTo("FAILED:never");
		assertThat(status(smsLost.id())).isEqualTo("FAILED:never");
	}

	@Test
	void reDrivingEverythingSendsAMessageWhoseCopiesAllFailedOnceOnThePreferredChannel() {
		UUID merchantId = UUID.randomUUID();
		UUID order = UUID.randomUUID();
		Notification sms = sms(order, merchantId, "k", ChannelType.SMS, NotificationStatus.SENT);
		receipts.markFailedForGood(sms.id(), "receipt: expired");
		Notification email = sms(order, merchantId, "k", ChannelType.EMAIL, NotificationStatus.DEAD);
		Notification webhook = sms(order, merchantId, "k", ChannelType.WEBHOOK, NotificationStatus.DEAD);
		// the customer prefers SMS, email was the failover
		jdbc.sql("update notification set channel_rank = case channel when 'EMAIL' then 1 else 0 end where order_id = ?")
			.param(order)
			.update();

		// "re-drive all": one copy for the customer, the preferred one; the merchant's webhook is a message of its own
		assertThat(administration.redrive(merchantId, null, null, null)).containsExactlyInAnyOrder(sms.id(), webhook.id());
		assertThat(status(email.id())).startsWith("DEAD:");
		// and re-driving the other copy by hand now finds the message on its way
		assertThat(administration.redrive(merchantId, List.of(email.id()), null, null)).isEmpty();
	}

	@Test
	void theSameIntentIsStoredOnce() {
		Notification d = pending();
		var again = new Notification(UUID.randomUUID(), d.orderId(), d.merchantId(), d.kind(), d.dedupKey(), d.channel(),
				d.recipient(), "en", "s", "b", null, NotificationStatus.PENDING, 0, null, Instant.now(), Instant.now(),
				null, null, null);
		assertThat(outbox.insertIfAbsent(again)).isFalse();
		var corrected = new Notification(UUID.randomUUID(), d.orderId(), d.merchantId(), d.kind(), "later event",
				d.channel(), d.recipient(), "en", "s", "b", null, NotificationStatus.PENDING, 0, null, Instant.now(),
				Instant.now(), null, null, null);
		assertThat(outbox.insertIfAbsent(corrected)).isTrue();
	}

}
