package io.herald.notification.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import io.herald.notification.channel.Channel;
import io.herald.notification.channel.SendOutcome;
import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.Outbox;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What each send did, written to the outbox: accepted sends are gathered and marked SENT in one statement per turn of
 * the dispatcher's loop (the batched completion that made the loop cheap), while a failure, a death or a send that
 * must be marked at once writes its own row. A death fails the message over to the customer's next channel. Also
 * the send metrics, built once per channel and outcome.
 */
final class Outcomes {

	private final Outbox outbox;

	private final Map<ChannelType, Channel> channels;

	private final RetryPolicy retryPolicy;

	private final MeterRegistry meters;

	private final Clock clock;

	/** Wakes the dispatcher: a failover copy is due now. */
	private final Runnable wake;

	private final ConcurrentLinkedQueue<UUID> sent = new ConcurrentLinkedQueue<>();

	/** Accepted sends with the receiver's id for them (an SMS provider's message id), written by the next turn. */
	private final ConcurrentLinkedQueue<Outbox.Reference> sentWithReference = new ConcurrentLinkedQueue<>();

	/** Sent notifications whose channel gives no receipts: their standby copies are skipped in the next batch. */
	private final ConcurrentLinkedQueue<UUID> reachedCustomer = new ConcurrentLinkedQueue<>();

	/** Meters by channel and by kind/channel/outcome, built once: a registry lookup per send showed in profiles. */
	private final ConcurrentMap<String, Timer> sendLatency = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> sendCounts = new ConcurrentHashMap<>();

	Outcomes(Outbox outbox, Map<ChannelType, Channel> channels, RetryPolicy retryPolicy, MeterRegistry meters,
			Clock clock, Runnable wake) {
		this.outbox = outbox;
		this.channels = channels;
		this.retryPolicy = retryPolicy;
		this.meters = meters;
		this.clock = clock;
		this.wake = wake;
	}

	/** Writes the successes gathered since the last turn, in one statement each. */
	void flush() {
		drain(sent, outbox::markSent);
		drain(sentWithReference, outbox::markSentWithReferences);
		drain(reachedCustomer, done -> outbox.skipStandbys(done, "not needed: the preferred channel delivered"));
	}

	/** Writes what the queue holds in one go; on failure puts it back (still leased) for the next turn. */
	private static <T> void drain(Queue<T> queue, Consumer<List<T>> write) {
		List<T> ids = new ArrayList<>();
		for (T id = queue.poll(); id != null; id = queue.poll()) {
			ids.add(id);
		}
		try {
			write.accept(ids);
		}
		catch (RuntimeException e) {
			queue.addAll(ids);
			throw e;
		}
	}

	/** Whether recording this outcome writes its own row (anything but an accepted send joining a batch). */
	boolean writesAlone(Notification d, SendOutcome outcome) {
		return outcome.result() != SendOutcome.Result.SENT || channels.get(d.channel()).marksSentAtOnce()
				&& outcome.reference() == null;
	}

	/** Records what a send did: SENT joins the next batch or is written at once, a failure is retried or DEAD. */
	void record(Notification d, SendOutcome outcome) {
		String result;
		switch (outcome.result()) {
			case SENT -> {
				// SENT comes only from the channel's send: send() answers "retry" when there is none
				Channel used = channels.get(d.channel());
				if (outcome.reference() != null) {
					// with the next turn of the loop, woken right now: a receipt may follow right away
					sentWithReference.add(new Outbox.Reference(d.id(), outcome.reference()));
				}
				else if (used.marksSentAtOnce()) {
					// at once, not in the next batch: after a crash an email sent but not yet marked is sent again,
					// which mail clients do not deduplicate by Message-ID
					outbox.markSent(d, null);
				}
				else {
					sent.add(d.id());
				}
				if (d.channel().reachesCustomer() && !used.confirmsReceipt()) {
					// without receipts, accepted is as delivered as it gets: the customer's fallback copies are not
					// needed (a webhook or the log reaching its receiver says nothing about the customer)
					reachedCustomer.add(d.id());
				}
				result = "sent";
				sendLatency.computeIfAbsent(d.channel().name(), channel -> Timer.builder("herald.notifications.event_to_send")
					.description("Time from the order event to the accepted send")
					.tag("channel", channel)
					.publishPercentileHistogram()
					.register(meters))
					.record(Duration.between(d.eventOccurredAt(), clock.instant()));
			}
			case PERMANENT -> {
				dead(d, "permanent failure: " + outcome.error());
				result = "dead";
			}
			default -> {
				var delay = retryPolicy.nextDelay(d.attempts(), ThreadLocalRandom.current()::nextDouble);
				if (delay.isPresent()) {
					Duration wait = outcome.retryAfter() != null && outcome.retryAfter().compareTo(delay.get()) > 0
							? outcome.retryAfter() : delay.get();
					outbox.markFailed(d, clock.instant().plus(wait), outcome.error());
					result = "retry";
				}
				else {
					dead(d, "gave up after " + d.attempts() + " attempts; last error: " + outcome.error());
					result = "dead";
				}
			}
		}
		String counted = result;
		sendCounts.computeIfAbsent(d.kind() + "/" + d.channel() + "/" + counted, key -> Counter
			.builder("herald.notifications.sends")
			.description("Send attempts by kind, channel and outcome")
			.tag("kind", d.kind().name())
			.tag("channel", d.channel().name())
			.tag("outcome", counted)
			.register(meters))
			.increment();
	}

	/** Gives up on a notification; the same message then goes out on the customer's next channel, if they have one. */
	private void dead(Notification d, String reason) {
		if (outbox.markDead(d, reason) && outbox
			.activateNextStandby(d.orderId(), d.kind(), d.dedupKey(), "failover: " + d.channel() + " " + reason)
			.isPresent()) {
			wake.run();
		}
	}

}
