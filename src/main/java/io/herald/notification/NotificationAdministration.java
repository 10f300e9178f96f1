package io.herald.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.notification.dispatch.Dispatcher;
import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.NotificationStatus;
import io.herald.notification.outbox.OutboxAdministration;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.order.Orders;
import io.herald.platform.ConflictException;
import io.herald.platform.NotFoundException;
import org.springframework.stereotype.Service;
/**
 * Notifications and dead notifications for people (the operator console), the same rules as the API's: a merchant sees
 * and re-drives its own, an operator all. Channel and kind are given by name, so callers need none of the module's
 * internal types.
 */
@Service
public class NotificationAdministration {

	private final OutboxAdministration outbox;

	private final Dispatcher dispatcher;

	private final Orders orders;

	NotificationAdministration(OutboxAdministration outbox, Dispatcher dispatcher, Orders orders) {
		this.outbox = outbox;
		this.dispatcher = dispatcher;
		this.orders = orders;
	}

	/**
	 * One notification as a person reads it.
	 *
	 * @param id the message id ("msg_...")
	 * @param notificationId the row's id, for actions
	 */
	public record NotificationRecord(String id, UUID notificationId, UUID orderId, String kind, String channel,
			String recipient, NotificationStatus status, int attempts, String lastError, Instant createdAt,
			Instant nextAttemptAt, Instant sentAt, boolean givenUp) {

		static NotificationRecord of(Notification d) {
			return new NotificationRecord("msg_" + d.id(), d.id(), d.orderId(), d.kind().name(), d.channel().name(),
					d.recipient(), d.status(), d.attempts(), d.lastError(), d.createdAt(),
					d.status() == NotificationStatus.PENDING || d.status() == NotificationStatus.FAILED ? d.nextAttemptAt()
							: null,
					d.sentAt(), d.givenUp());
		}

	}

	/** The order's notifications, if the caller may see the order. */
	public List<NotificationRecord> ofOrder(UUID orderId, Caller caller) {
		orders.get(orderId, caller);
		return outbox.findByOrder(orderId).stream().map(NotificationRecord::of).toList();
	}

	/** Dead notifications the caller may see, newest first, with the reason in {@code lastError}. */
	public List<NotificationRecord> dead(Caller caller, int page, int size) {
		return dead(caller, null, null, size, (int) Math.min((long) Math.max(page, 0) * size, Integer.MAX_VALUE))
			.stream()
			.map(NotificationRecord::of)
			.toList();
	}

	/** Dead notifications the caller may see, of one channel and kind or (null) any, newest first. */
	public List<Notification> dead(Caller caller, ChannelType channel, NotificationKind kind, int limit, int offset) {
		// stays, though each endpoint declares its roles (@Allowed): this is the module's API, called by the console
		// and the API alike, and it takes a caller without a merchant scope for an operator who sees every
		// merchant's notifications, so a station caller must not get past here whichever way it came
		caller.require(Role.MERCHANT, Role.ADMIN);
		return outbox.findDead(caller.merchantScope().orElse(null), channel, kind, limit, offset);
	}

	/**
	 * Re-drives one dead notification: due now with a fresh budget of attempts.
	 * @throws NotFoundException when there is none the caller may see
	 * @throws ConflictException when it is not dead, or its message reached the customer on another channel
	 */
	public void redrive(UUID notificationId, Caller caller) {
		// see the first check above: a station caller must not be taken for an operator
		caller.require(Role.MERCHANT, Role.ADMIN);
		UUID merchant = caller.merchantScope().orElse(null);
		Notification d = outbox.find(notificationId)
			.filter(found -> merchant == null || merchant.equals(found.merchantId()))
			.orElseThrow(() -> new NotFoundException("Notification", notificationId));
		if (!d.givenUp()) {
			throw new ConflictException("not-dead", "Notification msg_" + notificationId + " is " + d.status()
					+ (d.status() == NotificationStatus.FAILED ? " with a retry scheduled" : "") + ", not given up");
		}
		if (outbox.redrive(merchant, List.of(notificationId), null, null).isEmpty()) {
			throw new ConflictException("delivered-elsewhere",
					"The message of notification msg_" + notificationId + " reached the customer on another channel");
		}
		dispatcher.wake();
	}

	/** How many notifications are given up on (DEAD, or FAILED for good), of all merchants. */
	public long deadCount() {
		return outbox.countsByStatus().getOrDefault(NotificationStatus.DEAD.name(), 0L);
	}

	/** Re-drives every dead notification the caller may see; returns how many. */
	public int redriveAll(Caller caller) {
		return redriveAll(caller, null, null, null).size();
	}

	/**
	 * Re-drives the dead notifications the caller may see: these ids or (null) every one, of one channel and kind or
	 * (null) any. Returns the ids re-driven.
	 */
	public List<UUID> redriveAll(Caller caller, List<UUID> ids, ChannelType channel, NotificationKind kind) {
		// see the first check above: a station caller must not be taken for an operator
		caller.require(Role.MERCHANT, Role.ADMIN);
		List<UUID> done = outbox.redrive(caller.merchantScope().orElse(null), ids, channel, kind);
		dispatcher.wake();
		return done;
	}

}
