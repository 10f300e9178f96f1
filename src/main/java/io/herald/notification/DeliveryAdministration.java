package io.herald.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.order.Orders;
import io.herald.platform.ConflictException;
import io.herald.platform.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Notifications and dead deliveries for people (the operator console), the same rules as the API's: a merchant sees
 * and re-drives its own, an operator all. Channel and kind are given by name, so callers need none of the module's
 * internal types.
 */
@Service
public class DeliveryAdministration {

	private final DeliveryRepository deliveries;

	private final DeliveryDispatcher dispatcher;

	private final Orders orders;

	DeliveryAdministration(DeliveryRepository deliveries, DeliveryDispatcher dispatcher, Orders orders) {
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
		this.orders = orders;
	}

	/**
	 * One notification as a person reads it.
	 *
	 * @param id the message id ("msg_...")
	 * @param deliveryId the row's id, for actions
	 */
	public record NotificationRecord(String id, UUID deliveryId, UUID orderId, String kind, String channel,
			String recipient, DeliveryStatus status, int attempts, String lastError, Instant createdAt,
			Instant nextAttemptAt, Instant sentAt, boolean givenUp) {

		static NotificationRecord of(Delivery d) {
			return new NotificationRecord("msg_" + d.id(), d.id(), d.orderId(), d.kind().name(), d.channel().name(),
					d.recipient(), d.status(), d.attempts(), d.lastError(), d.createdAt(),
					d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.FAILED ? d.nextAttemptAt()
							: null,
					d.sentAt(), d.givenUp());
		}

	}

	/** The order's notifications, if the caller may see the order. */
	public List<NotificationRecord> ofOrder(UUID orderId, Caller caller) {
		orders.get(orderId, caller);
		return deliveries.findByOrder(orderId).stream().map(NotificationRecord::of).toList();
	}

	/** Dead deliveries the caller may see, newest first, with the reason in {@code lastError}. */
	public List<NotificationRecord> dead(Caller caller, int page, int size) {
		return dead(caller, null, null, size, (int) Math.min((long) Math.max(page, 0) * size, Integer.MAX_VALUE))
			.stream()
			.map(NotificationRecord::of)
			.toList();
	}

	/** Dead deliveries the caller may see, of one channel and kind or (null) any, newest first. */
	List<Delivery> dead(Caller caller, ChannelType channel, NotificationKind kind, int limit, int offset) {
		caller.require(Role.MERCHANT, Role.ADMIN);
		return deliveries.findDead(caller.merchantScope().orElse(null), channel, kind, limit, offset);
	}

	/**
	 * Re-drives one dead delivery: due now with a fresh budget of attempts.
	 * @throws NotFoundException when there is none the caller may see
	 * @throws ConflictException when it is not dead, or its message reached the customer on another channel
	 */
	public void redrive(UUID deliveryId, Caller caller) {
		caller.require(Role.MERCHANT, Role.ADMIN);
		UUID merchant = caller.merchantScope().orElse(null);
		Delivery d = deliveries.find(deliveryId)
			.filter(found -> merchant == null || merchant.equals(found.merchantId()))
			.orElseThrow(() -> new NotFoundException("Delivery", deliveryId));
		if (!d.givenUp()) {
			throw new ConflictException("not-dead", "Delivery msg_" + deliveryId + " is " + d.status()
					+ (d.status() == DeliveryStatus.FAILED ? " with a retry scheduled" : "") + ", not given up");
		}
		if (deliveries.redrive(merchant, List.of(deliveryId), null, null).isEmpty()) {
			throw new ConflictException("delivered-elsewhere",
					"The message of delivery msg_" + deliveryId + " reached the customer on another channel");
		}
		dispatcher.wake();
	}

	/** How many deliveries are given up on (DEAD, or FAILED for good), of all merchants. */
	public long deadCount() {
		return deliveries.countsByStatus().getOrDefault(DeliveryStatus.DEAD.name(), 0L);
	}

	/** Re-drives every dead delivery the caller may see; returns how many. */
	public int redriveAll(Caller caller) {
		return redriveAll(caller, null, null, null).size();
	}

	/**
	 * Re-drives the dead deliveries the caller may see: these ids or (null) every one, of one channel and kind or
	 * (null) any. Returns the ids re-driven.
	 */
	List<UUID> redriveAll(Caller caller, List<UUID> ids, ChannelType channel, NotificationKind kind) {
		caller.require(Role.MERCHANT, Role.ADMIN);
		List<UUID> done = deliveries.redrive(caller.merchantScope().orElse(null), ids, channel, kind);
		dispatcher.wake();
		return done;
	}

}
