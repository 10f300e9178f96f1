package io.herald.notification.dispatch;

import java.util.List;
import java.util.Optional;

import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.NotificationStatus;
import io.herald.notification.outbox.Outbox;
import io.herald.notification.outbox.OutboxReceipts;
import io.herald.notification.policy.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
/**
 * A receiver's later word on a message it accepted (an SMS provider's delivery receipt). Delivered: the row becomes
 * CONFIRMED and the standby copies for the customer's other channels are skipped. Failed: the row becomes FAILED with
 * the receiver's reason and no next attempt time. That makes it final, not a retry (the message was accepted and
 * could not reach the handset, so sending it again on the same channel would most likely fail the same way): the
 * dispatcher never claims it again, and the message goes out on the customer's next channel instead, once. Like a
 * DEAD row it is listed among the notifications given up on and can be re-driven, unless the failover copy reached the
 * customer. Receipts repeated or arriving after the final word change nothing.
 */
@Service
public class Receipts {

	private static final Logger log = LoggerFactory.getLogger(Receipts.class);

	/** What a receipt did. */
	public enum Result {

		/** The notification took the receipt's outcome. */
		UPDATED,
		/** The notification already had its final outcome; nothing changed. */
		ALREADY_FINAL,
		/** No notification was sent under this reference (yet). */
		UNKNOWN

	}

	private final Outbox outbox;

	private final OutboxReceipts receipts;

	private final Dispatcher dispatcher;

	Receipts(Outbox outbox, OutboxReceipts receipts, Dispatcher dispatcher) {
		this.outbox = outbox;
		this.receipts = receipts;
		this.dispatcher = dispatcher;
	}

	/**
	 * @param channel the channel the receipt is about
	 * @param reference the receiver's id for the message, as the channel returned it when it was accepted
	 * @param delivered whether the message reached the recipient
	 * @param detail the receiver's status or error text, kept as the reason of a failure
	 */
	@Transactional
	public Result record(ChannelType channel, String reference, boolean delivered, String detail) {
		Optional<Notification> found = receipts.findByReferenceForUpdate(channel, reference);
		if (found.isEmpty()) {
			return Result.UNKNOWN;
		}
		Notification d = found.get();
		if (d.status() != NotificationStatus.SENT) {
			return Result.ALREADY_FINAL;
		}
		if (delivered) {
			receipts.markConfirmed(d.id());
			outbox.skipStandbys(List.of(d.id()), "not needed: delivered by " + channel);
			return Result.UPDATED;
		}
		String reason = "receipt: " + (detail == null || detail.isBlank() ? "not delivered" : detail);
		receipts.markFailedForGood(d.id(), reason);
		outbox.activateNextStandby(d.orderId(), d.kind(), d.dedupKey(), "failover: " + channel + " " + reason)
			.ifPresent(next -> {
				log.info("Notification {} failed on {} ({}); the message goes out on {}", d.id(), channel, reason, next);
				dispatcher.wakeAfterCommit();
			});
		return Result.UPDATED;
	}

}
