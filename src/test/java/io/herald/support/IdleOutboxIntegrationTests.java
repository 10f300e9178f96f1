package io.herald.support;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.NotificationStatus;
import io.herald.notification.outbox.Outbox;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait before "nothing more was sent" waits for what is about to be sent, and for a failover under way. */
class IdleOutboxIntegrationTests extends IntegrationTestBase {

	@Autowired
	Outbox outbox;

	Notification row(UUID orderId, ChannelType channel, NotificationStatus status, Instant due, int rank) {
		Instant now = Instant.now();
		var d = new Notification(UUID.randomUUID(), orderId, UUID.randomUUID(), NotificationKind.STOCKED, "k", channel,
				channel == ChannelType.SMS ? "+37612345" : "a@example.com", "en", "s", "b", null, status, 0, null, due,
				now, now, null, null, null, null, rank);
		assertThat(outbox.insertIfAbsent(d)).isTrue();
		return d;
	}

	String status(Notification d) {
		return jdbc.sql("select status from notification where id = ?").param(d.id()).query(String.class).single();
	}

	@Test
	void aMessageDueSoonIsSentBeforeTheWaitEnds() {
		Notification later = row(UUID.randomUUID(), ChannelType.LOG, NotificationStatus.PENDING,
				Instant.now().plusMillis(300), 0);

		awaitIdleOutbox();

		assertThat(status(later)).isEqualTo("SENT");
	}

	@Test
	void aMessageDueLaterThanSoonDoesNotHoldTheWait() {
		row(UUID.randomUUID(), ChannelType.LOG, NotificationStatus.PENDING, Instant.now().plus(Duration.ofHours(1)), 0);

		assertThat(IdleOutbox.pending(jdbc)).isEmpty();
	}

	@Test
	void aStandbyWhoseChainFailedIsAFailoverUnderWay() {
		UUID orderId = UUID.randomUUID();
		row(orderId, ChannelType.EMAIL, NotificationStatus.DEAD, Instant.now(), 0);
		row(orderId, ChannelType.SMS, NotificationStatus.STANDBY, Instant.now(), 1);
		// a webhook of the same message says nothing about the customer's chain
		row(orderId, ChannelType.WEBHOOK, NotificationStatus.SENT, Instant.now(), 0);

		assertThat(IdleOutbox.pending(jdbc)).singleElement().asString().contains("standby", "SMS");

		// once the email went out, the standby is only waiting to be skipped
		jdbc.sql("update notification set status = 'SENT' where channel = 'EMAIL'").update();
		assertThat(IdleOutbox.pending(jdbc)).isEmpty();
	}

}
