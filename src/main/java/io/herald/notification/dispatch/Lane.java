package io.herald.notification.dispatch;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import io.herald.notification.NotificationSettings;
import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.Outbox;
import io.herald.notification.policy.ChannelType;

/**
 * The notifications of some channels, claimed and sent with a limit of their own: asynchronous channels up to
 * max-in-flight at once, blocking ones up to the number of sender threads.
 */
final class Lane {

	private final String[] channels;

	private final boolean only;

	private final int limit;

	private final Outbox outbox;

	private final NotificationSettings.Dispatch settings;

	/** Starts one send; its completion calls {@link #done()}. */
	private final BiConsumer<Notification, Lane> dispatch;

	/** Lets the dispatcher's loop run. */
	private final Runnable signal;

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * Since when the oldest notification of this lane's last claim had been due, when that claim was full (more may be
	 * due); null when it took everything due. See {@code Dispatcher.lag()}.
	 */
	private volatile Instant behindSince;

	/**
	 * Whether this lane should claim at its next turn. Others only ever set it; the loop alone clears it, just
	 * before it claims, so no wake is lost.
	 */
	private volatile boolean look = true;

	/** @param only true: the notifications of these channels; false: of all others */
	Lane(String[] channels, boolean only, int limit, Outbox outbox, NotificationSettings.Dispatch settings,
			BiConsumer<Notification, Lane> dispatch, Runnable signal) {
		this.channels = channels;
		this.only = only;
		this.limit = limit;
		this.outbox = outbox;
		this.settings = settings;
		this.dispatch = dispatch;
		this.signal = signal;
	}

	/** Sends started and not yet recorded. */
	int inFlight() {
		return inFlight.get();
	}

	/** Since when the oldest notification of the last full claim had been due; null when it took everything. */
	Instant behindSince() {
		return behindSince;
	}

	/** Claim at the next turn. */
	void lookNow() {
		look = true;
	}

	boolean sends(ChannelType channel) {
		return Arrays.asList(channels).contains(channel.name()) == only;
	}

	boolean turnIfLooking() {
		if (!look) {
			return false;
		}
		look = false;
		boolean more = turn();
		if (more) {
			look = true;
		}
		return more;
	}

	/** Claims what it has room for and starts sending it; whether it took a full batch (more may be due). */
	private boolean turn() {
		int capacity = limit - inFlight.get();
		if (capacity <= 0) {
			return false;
		}
		int wanted = Math.min(settings.batchSize(), capacity);
		Outbox.Claim claim = outbox.claimDue(wanted, settings.lease(), channels, only);
		List<Notification> due = claim.notifications();
		behindSince = due.size() < wanted ? null : claim.oldestDueSince();
		for (Notification notification : due) {
			inFlight.incrementAndGet();
			dispatch.accept(notification, this);
		}
		return due.size() == wanted;
	}

	/** A send of this lane has finished: its outcome is to be written, and room is free for one more. */
	void done() {
		if (inFlight.getAndDecrement() >= limit) {
			// the lane was at its limit, so its last claim may have left due notifications behind
			look = true;
		}
		signal.run();
	}

}
