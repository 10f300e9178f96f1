package io.herald.notification.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.herald.notification.channel.Channel;
import io.herald.notification.channel.Message;
import io.herald.notification.channel.SendOutcome;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.RetryPolicy;
import io.herald.platform.AfterCommit;
import io.herald.platform.CommonPool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.Outbox;
import io.herald.notification.NotificationSettings;
/**
 * Sends due outbox. One loop claims rows ({@code FOR UPDATE SKIP LOCKED}, so several Herald nodes share the work
 * without sending anything twice) and starts each send without waiting for it (channels over HTTP are asynchronous,
 * so a slow receiver holds an in-flight slot, not a thread; blocking channels such as email run on a small pool of
 * sender threads); each outcome is written back:
 * SENT, FAILED with the next attempt time (exponential backoff with jitter), or DEAD with the reason. Successes are
 * written in batches by the loop (one statement for all sends that finished since its last turn); a crash before
 * that write leaves the rows leased, so they are re-sent with the same id after the lease: at most a duplicate that
 * receivers recognise, never a loss. The loop is woken right after new notifications commit and when sends finish, and
 * otherwise polls. On shutdown in-flight sends finish and their outcomes are written before the context closes.
 */
@Component
public class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final Outbox outbox;

	private final NotificationSettings.Dispatch settings;

	private final RetryPolicy retryPolicy;

	private final Map<ChannelType, Channel> channels = new EnumMap<>(ChannelType.class);

	private final MeterRegistry meters;

	private final Semaphore signal = new Semaphore(0);

	/** Webhooks and SMS: many sends open at once, no thread each. */
	private final Lane asynchronousLane;

	/** Email, the live copy and the log: one sender thread each. */
	private final Lane blockingLane;

	private final ConcurrentLinkedQueue<UUID> sent = new ConcurrentLinkedQueue<>();

	/** Accepted sends with the receiver's id for them (an SMS provider's message id), written by the next turn. */
	private final ConcurrentLinkedQueue<Outbox.Reference> sentWithReference = new ConcurrentLinkedQueue<>();

	/** Sent notifications whose channel gives no receipts: their standby copies are skipped in the next batch. */
	private final ConcurrentLinkedQueue<UUID> delivered = new ConcurrentLinkedQueue<>();

	/** Meters by channel and by kind/channel/outcome, built once: a registry lookup per send showed in profiles. */
	private final ConcurrentMap<String, Timer> sendLatency = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Counter> sendCounts = new ConcurrentHashMap<>();

	private volatile boolean running;

	private Thread loop;

	private ExecutorService senders;

	Dispatcher(Outbox outbox, NotificationSettings settings, List<Channel> channels,
			MeterRegistry meters) {
		this.outbox = outbox;
		this.settings = settings.dispatch();
		this.retryPolicy = new RetryPolicy(settings.maxAttempts(), settings.baseDelay(), settings.maxDelay());
		channels.forEach(c -> this.channels.put(c.type(), c));
		this.meters = meters;
		String[] asynchronous = channels.stream().filter(Channel::asynchronous).map(c -> c.type().name())
			.toArray(String[]::new);
		this.asynchronousLane = new Lane(asynchronous, true, this.settings.maxInFlight());
		this.blockingLane = new Lane(asynchronous, false, this.settings.senderThreads());
		meters.gauge("herald.notifications.in_flight", this, Dispatcher::inFlight);
	}

	/** Sends started and not yet recorded, on both lanes. */
	private int inFlight() {
		return asynchronousLane.inFlight.get() + blockingLane.inFlight.get();
	}

	/** Notifications of any channel may have become due: both lanes look now instead of at the next poll. */
	public void wake() {
		asynchronousLane.look = true;
		blockingLane.look = true;
		signal();
	}

	/** Wakes the dispatcher once the current transaction commits (at once without one). */
	public void wakeAfterCommit() {
		AfterCommit.run(this::wake);
	}

	/**
	 * Once the current transaction commits, wakes the lanes that send these channels only: a claim that can find
	 * nothing is a statement and a transaction for nothing, and on a 2-core machine the lanes' empty claims were
	 * several per stocking report.
	 */
	public void wakeAfterCommit(Collection<ChannelType> planned) {
		boolean asynchronous = planned.stream().anyMatch(asynchronousLane::sends);
		boolean blocking = planned.stream().anyMatch(blockingLane::sends);
		AfterCommit.run(() -> {
			if (asynchronous) {
				asynchronousLane.look = true;
			}
			if (blocking) {
				blockingLane.look = true;
			}
			signal();
		});
	}

	/** Lets the loop run: it writes the outcomes waiting, and claims for the lanes that have reason to look. */
	private void signal() {
		if (signal.availablePermits() == 0) {
			signal.release();
		}
	}

	@Override
	public void start() {
		if (!settings.enabled()) {
			log.info("Notification dispatch is disabled on this node");
			return;
		}
		running = true;
		if (!CommonPool.shared()) {
			log.warn("The JVM's common pool has fewer than 2 threads: every asynchronous send completes on a new "
					+ "thread. Start Herald through HeraldApplication.main or set -D{}=2",
					"java.util.concurrent.ForkJoinPool.common.parallelism");
		}
		CustomizableThreadFactory senderThreads = new CustomizableThreadFactory("herald-sender-");
		senderThreads.setDaemon(true);
		senders = Executors.newFixedThreadPool(settings.senderThreads(), senderThreads);
		loop = new Thread(this::run, "herald-dispatcher");
		loop.setDaemon(true);
		loop.start();
	}

	@Override
	public void stop() {
		if (!running) {
			return;
		}
		running = false;
		wake();
		try {
			loop.join(5_000);
			// in-flight sends finish and their outcomes are recorded (some on the sender threads) before those end
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (inFlight() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			senders.shutdown();
			if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
				log.warn("In-flight sends did not finish in 30 s; their leases expire and they are retried");
				senders.shutdownNow();
			}
			flushSent();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// stop before the web server and the data source go away
		return Integer.MAX_VALUE - 1000;
	}

	private void run() {
		Duration backoff = settings.pollInterval();
		while (running) {
			try {
				flushSent();
				// a lane claims when told that it has new work, when a send ends while it was at its limit (more may
				// be due) or at the poll (retries and held messages becoming due); look again at once only if one took
				// a full batch
				boolean more = asynchronousLane.turnIfLooking() | blockingLane.turnIfLooking();
				backoff = settings.pollInterval();
				if (!more && !signal.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
					asynchronousLane.look = true;
					blockingLane.look = true;
				}
				signal.drainPermits();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException e) {
				if (!running) {
					return;
				}
				log.warn("Claiming notifications failed, retrying in {}: {}", backoff, e.getMessage());
				// the claim that failed is tried again after the backoff, not at the next poll
				asynchronousLane.look = true;
				blockingLane.look = true;
				sleep(backoff);
				backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
						: backoff.multipliedBy(2);
			}
		}
	}

	/** How long a claimed notification had been waiting to be claimed. */
	private static Duration lagSince(Instant dueSince) {
		if (dueSince == null) {
			return Duration.ZERO;
		}
		Duration behind = Duration.between(dueSince, Instant.now());
		return behind.isNegative() ? Duration.ZERO : behind;
	}

	/**
	 * How far behind sending is on this node: how long the oldest notification of its last claim has been due, zero when
	 * that claim took everything due. It grows until the next claim, so that a lane whose sends all wait on slow
	 * receivers (full, claiming nothing) still shows that it falls behind. Intake refuses new work while it is too
	 * large (back-pressure).
	 */
	Duration lag() {
		if (!running) {
			return Duration.ZERO;
		}
		Duration asynchronous = lagSince(asynchronousLane.behindSince), blocking = lagSince(blockingLane.behindSince);
		return asynchronous.compareTo(blocking) > 0 ? asynchronous : blocking;
	}

	private void flushSent() {
		drain(sent, outbox::markSent);
		drain(sentWithReference, outbox::markSentWithReferences);
		drain(delivered, done -> outbox.skipStandbys(done, "not needed: the preferred channel delivered"));
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

	/**
	 * Sends one claimed notification without waiting for it: the outcome is recorded when the channel completes it. An
	 * outcome that needs its own write (a failure, or a send marked at once) is recorded on a sender thread, never on
	 * the HTTP client's threads; an accepted send only joins the next batch.
	 */
	private void dispatch(Notification d, Lane lane) {
		if (!running) {
			try {
				outbox.release(d);
			}
			finally {
				lane.done();
			}
			return;
		}
		CompletableFuture<SendOutcome> sending;
		Channel channel = channels.get(d.channel());
		if (channel == null || !channel.available()) {
			sending = CompletableFuture
				.completedFuture(SendOutcome.retry("channel " + d.channel() + " is not available on this node"));
		}
		else {
			try {
				sending = channel.sendAsync(message(d), senders);
			}
			catch (RuntimeException e) {
				sending = CompletableFuture.completedFuture(unexpected(e));
			}
		}
		sending.whenComplete((outcome, failure) -> {
			SendOutcome result = failure != null ? unexpected(failure) : outcome;
			if (writesAlone(d, result)) {
				try {
					senders.execute(() -> finish(d, result, lane));
				}
				catch (RejectedExecutionException e) {
					// shutting down past the grace period: the lease expires and the message is sent again
					lane.done();
				}
			}
			else {
				finish(d, result, lane);
			}
		});
	}

	private static Message message(Notification d) {
		return new Message(d.id(), d.orderId(), d.merchantId(), d.kind(), d.recipient(), d.locale(), d.subject(),
				d.body(), d.payload(), d.attempts(), d.html(), d.unsubscribeUrl());
	}

	private static SendOutcome unexpected(Throwable e) {
		return SendOutcome.retry("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
	}

	/** Whether recording this outcome writes its own row (anything but an accepted send joining a batch). */
	private boolean writesAlone(Notification d, SendOutcome outcome) {
		return outcome.result() != SendOutcome.Result.SENT || channels.get(d.channel()).marksSentAtOnce()
				&& outcome.reference() == null;
	}

	private void finish(Notification d, SendOutcome outcome, Lane lane) {
		try {
			record(d, outcome);
		}
		catch (RuntimeException e) {
			// the row keeps its lease and becomes due again when it ends: at most a re-send, never a loss
			log.error("Recording the outcome of notification {} failed", d.id(), e);
		}
		finally {
			lane.done();
		}
	}

	/**
	 * The notifications of some channels, claimed and sent with a limit of their own: asynchronous channels up to
	 * max-in-flight at once, blocking ones up to the number of sender threads.
	 */
	private final class Lane {

		private final String[] channels;

		private final boolean only;

		private final int limit;

		private final AtomicInteger inFlight = new AtomicInteger();

		/**
		 * Since when the oldest notification of this lane's last claim had been due, when that claim was full (more may be
		 * due); null when it took everything due. See {@link Dispatcher#lag()}.
		 */
		private volatile Instant behindSince;

		/**
		 * Whether this lane should claim at its next turn. Others only ever set it; the loop alone clears it, just
		 * before it claims, so no wake is lost.
		 */
		private volatile boolean look = true;

		/** @param only true: the notifications of these channels; false: of all others */
		Lane(String[] channels, boolean only, int limit) {
			this.channels = channels;
			this.only = only;
			this.limit = limit;
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
				dispatch(notification, this);
			}
			return due.size() == wanted;
		}

		/** A send of this lane has finished: its outcome is to be written, and room is free for one more. */
		void done() {
			if (inFlight.getAndDecrement() >= limit) {
				// the lane was at its limit, so its last claim may have left due notifications behind
				look = true;
			}
			signal();
		}

	}

	private void record(Notification d, SendOutcome outcome) {
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
				if (d.channel().reachesCustomer() && !used.confirmsDelivery()) {
					// without receipts, accepted is as delivered as it gets: the customer's fallback copies are not
					// needed (a webhook or the log reaching its receiver says nothing about the customer)
					delivered.add(d.id());
				}
				result = "sent";
				sendLatency.computeIfAbsent(d.channel().name(), channel -> Timer.builder("herald.notifications.event_to_send")
					.description("Time from the order event to the accepted send")
					.tag("channel", channel)
					.publishPercentileHistogram()
					.register(meters))
					.record(Duration.between(d.eventOccurredAt(), Instant.now()));
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
					outbox.markFailed(d, Instant.now().plus(wait), outcome.error());
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
			wake();
		}
	}

	private static void sleep(Duration d) {
		try {
			Thread.sleep(d.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
