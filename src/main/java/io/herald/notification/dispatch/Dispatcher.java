package io.herald.notification.dispatch;

// Over 300 lines, one idea: the send loop (its lifecycle, its wake-ups, its lanes' claims and the hand-off of sends).

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.herald.notification.NotificationSettings;
import io.herald.notification.channel.Channel;
import io.herald.notification.channel.Message;
import io.herald.notification.channel.SendOutcome;
import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.Outbox;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.RetryPolicy;
import io.herald.platform.AfterCommit;
import io.herald.platform.CommonPool;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
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

	private final Outcomes outcomes;

	private final Clock clock;

	private final Map<ChannelType, Channel> channels = new EnumMap<>(ChannelType.class);

	private final MeterRegistry meters;

	private final Semaphore signal = new Semaphore(0);

	/** Webhooks and SMS: many sends open at once, no thread each. */
	private final Lane asynchronousLane;

	/** Email, the live copy and the log: one sender thread each. */
	private final Lane blockingLane;

	private volatile boolean running;

	private Thread loop;

	private ExecutorService senders;

	Dispatcher(Outbox outbox, NotificationSettings settings, List<Channel> channels,
			MeterRegistry meters, Clock clock) {
		this.outbox = outbox;
		this.settings = settings.dispatch();
		channels.forEach(c -> this.channels.put(c.type(), c));
		this.meters = meters;
		this.clock = clock;
		this.outcomes = new Outcomes(outbox, this.channels,
				new RetryPolicy(settings.maxAttempts(), settings.baseDelay(), settings.maxDelay()), meters, clock,
				this::wake);
		String[] asynchronous = channels.stream().filter(Channel::asynchronous).map(c -> c.type().name())
			.toArray(String[]::new);
		this.asynchronousLane = new Lane(asynchronous, true, this.settings.maxInFlight(), outbox, this.settings,
				this::dispatch, this::signal);
		this.blockingLane = new Lane(asynchronous, false, this.settings.senderThreads(), outbox, this.settings,
				this::dispatch, this::signal);
		meters.gauge("herald.notifications.in_flight", this, Dispatcher::inFlight);
	}

	/** Sends started and not yet recorded, on both lanes. */
	private int inFlight() {
		return asynchronousLane.inFlight() + blockingLane.inFlight();
	}

	/** Notifications of any channel may have become due: both lanes look now instead of at the next poll. */
	public void wake() {
		asynchronousLane.lookNow();
		blockingLane.lookNow();
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
				asynchronousLane.lookNow();
			}
			if (blocking) {
				blockingLane.lookNow();
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
			outcomes.flush();
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
				outcomes.flush();
				// a lane claims when told that it has new work, when a send ends while it was at its limit (more may
				// be due) or at the poll (retries and held messages becoming due); look again at once only if one took
				// a full batch
				boolean more = asynchronousLane.turnIfLooking() | blockingLane.turnIfLooking();
				backoff = settings.pollInterval();
				if (!more && !signal.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
					asynchronousLane.lookNow();
					blockingLane.lookNow();
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
				asynchronousLane.lookNow();
				blockingLane.lookNow();
				sleep(backoff);
				backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
						: backoff.multipliedBy(2);
			}
		}
	}

	/** How long a claimed notification had been waiting to be claimed. */
	private Duration lagSince(Instant dueSince) {
		if (dueSince == null) {
			return Duration.ZERO;
		}
		Duration behind = Duration.between(dueSince, clock.instant());
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
		Duration asynchronous = lagSince(asynchronousLane.behindSince()), blocking = lagSince(blockingLane.behindSince());
		return asynchronous.compareTo(blocking) > 0 ? asynchronous : blocking;
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
			if (outcomes.writesAlone(d, result)) {
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

	private void finish(Notification d, SendOutcome outcome, Lane lane) {
		try {
			outcomes.record(d, outcome);
		}
		catch (RuntimeException e) {
			// the row keeps its lease and becomes due again when it ends: at most a re-send, never a loss
			log.error("Recording the outcome of notification {} failed", d.id(), e);
		}
		finally {
			lane.done();
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
