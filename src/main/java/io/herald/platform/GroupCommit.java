package io.herald.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent requests that each change a little are applied together, in one transaction, and each
 * caller is answered only after that transaction has committed. Durability is unchanged (nothing is acknowledged
 * before it is committed); what is shared is the per-transaction cost: the round trips to PostgreSQL, the commit's
 * WAL flush, and the reads and batched writes that listeners do once per transaction.
 *
 * <p>
 * Batching is natural, not timed: a committer takes whatever is waiting when it becomes free, so a lone request is
 * applied at once (no added latency at low load) and, under load, requests queue while the previous group commits
 * and the next group grows by itself. A few committers work at the same time so that one group's commit (a disk
 * flush) overlaps the next group's work.
 *
 * <p>
 * One item must not fail the others: when a group's transaction fails, each of its items is applied again alone, in
 * its own transaction, and only the item that fails alone gets the error. A failure to reach the database (or a
 * database that takes no writes) fails the whole group at once instead, and with it every item waiting behind it
 * (trying each again would only wait for the same timeout again, once per item or group).
 *
 * <p>
 * The queue is bounded: when it is full, {@link #submit} refuses at once with {@link OverloadedException} (a 503 with
 * Retry-After to the client) instead of letting the waiting time grow without limit.
 *
 * @param <I> one request's change
 * @param <R> its result
 */
public final class GroupCommit<I, R> implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final String name;

	private final Function<List<I>, List<R>> together;

	private final Function<I, R> alone;

	private final int maxGroup;

	private final BlockingQueue<Pending<I, R>> queue;

	private final List<Thread> committers = new ArrayList<>();

	private volatile boolean running = true;

	/**
	 * @param name names the committer threads
	 * @param together applies a group in one transaction and returns one result per item, in order
	 * @param alone applies one item in its own transaction
	 * @param maxGroup most items in one transaction
	 * @param maxWaiting most items waiting for a committer; more are refused
	 * @param committers transactions at the same time
	 */
	public GroupCommit(String name, Function<List<I>, List<R>> together, Function<I, R> alone, int maxGroup,
			int maxWaiting, int committers) {
		if (maxGroup < 1 || maxWaiting < 1 || committers < 1) {
			throw new IllegalArgumentException("group size, queue and committers must be at least 1");
		}
		this.name = name;
		this.together = together;
		this.alone = alone;
		this.maxGroup = maxGroup;
		this.queue = new ArrayBlockingQueue<>(maxWaiting);
		for (int i = 0; i < committers; i++) {
			Thread thread = new Thread(this::commitLoop, name + "-committer-" + i);
			thread.setDaemon(true);
			this.committers.add(thread);
			thread.start();
		}
	}

	/**
	 * Applies the item with whatever else is waiting and returns its result once the transaction has committed. The
	 * wait is not interruptible: a caller must not be told "failed" about a change that then commits.
	 * @throws OverloadedException when too many items are waiting already; nothing was applied
	 * @throws RuntimeException what applying the item alone threw; nothing was applied
	 */
	public R submit(I item) {
		if (!running) {
			throw new IllegalStateException(name + " is shutting down");
		}
		Pending<I, R> pending = new Pending<>(item);
		if (!queue.offer(pending)) {
			throw new OverloadedException(queue.size() + " changes are waiting to be committed", Duration.ofSeconds(1));
		}
		try {
			return pending.result.join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw e;
		}
	}

	/** Items waiting for a committer now. */
	public int waiting() {
		return queue.size();
	}

	private void commitLoop() {
		List<Pending<I, R>> group = new ArrayList<>(maxGroup);
		while (running || !queue.isEmpty()) {
			try {
				Pending<I, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				group.add(first);
				queue.drainTo(group, maxGroup - 1);
				commit(group);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Throwable e) {
				// never leave a caller waiting forever, whatever went wrong
				group.forEach(p -> p.result.completeExceptionally(e));
				log.error("{}: a group of {} could not be applied", name, group.size(), e);
			}
			finally {
				group.clear();
			}
		}
	}

	private void commit(List<Pending<I, R>> group) {
		if (group.size() == 1) {
			applyAlone(group.get(0));
			return;
		}
		List<R> results;
		try {
			results = together.apply(group.stream().map(p -> p.item).toList());
		}
		catch (RuntimeException e) {
			if (DatabaseUnavailable.causedBy(e)) {
				group.forEach(p -> p.result.completeExceptionally(e));
				failWaiting(e);
				return;
			}
			log.debug("{}: a group of {} failed ({}); applying each alone", name, group.size(), e.toString());
			group.forEach(this::applyAlone);
			return;
		}
		for (int i = 0; i < group.size(); i++) {
			group.get(i).result.complete(results.get(i));
		}
	}

	private void applyAlone(Pending<I, R> pending) {
		try {
			pending.result.complete(alone.apply(pending.item));
		}
		catch (RuntimeException e) {
			pending.result.completeExceptionally(e);
			if (DatabaseUnavailable.causedBy(e)) {
				failWaiting(e);
			}
		}
	}

	/**
	 * The database is gone (or takes no writes): what waits now needs it too. Failing it at once bounds every caller's
	 * wait by about two connection timeouts; otherwise each group still queued would wait one more timeout in turn,
	 * and a caller far back in a long queue would hang for minutes. The callers are told 503 and repeat.
	 */
	private void failWaiting(RuntimeException cause) {
		List<Pending<I, R>> waiting = new ArrayList<>();
		queue.drainTo(waiting);
		waiting.forEach(p -> p.result.completeExceptionally(cause));
		if (!waiting.isEmpty()) {
			log.debug("{}: failed {} waiting change(s) with the group: {}", name, waiting.size(), cause.toString());
		}
	}

	/** Stops taking items; what is waiting is still applied before the committers end. */
	@Override
	public void close() {
		running = false;
		for (Thread committer : committers) {
			try {
				committer.join(Duration.ofSeconds(30).toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		// an item offered just as the committers ended must not wait forever
		for (Pending<I, R> left = queue.poll(); left != null; left = queue.poll()) {
			left.result.completeExceptionally(new IllegalStateException(name + " has shut down"));
		}
	}

	private static final class Pending<I, R> {

		final I item;

		final CompletableFuture<R> result = new CompletableFuture<>();

		Pending(I item) {
			this.item = item;
		}

	}

}
