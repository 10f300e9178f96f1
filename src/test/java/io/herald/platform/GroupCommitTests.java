package io.herald.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit without a database: "transactions" are calls of the functions, recorded. The tests hold the first
 * group inside its "transaction" (a latch), so that what arrives meanwhile has to wait; no timing is asserted.
 */
class GroupCommitTests {

	private final ExecutorService callers = Executors.newCachedThreadPool();

	/** Every group applied together, as the items it held. */
	private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());

	private final List<Integer> alone = Collections.synchronizedList(new ArrayList<>());

	private final Held held = new Held();

	@AfterEach
	void stopCallers() {
		callers.shutdownNow();
	}

	@Test
	void itemsArrivingWhileAGroupCommitsShareTheNextTransaction() throws Exception {
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", group -> {
			groups.add(List.copyOf(group));
			return group.stream().map(i -> "together " + i).toList();
		}, item -> {
			alone.add(item);
			held.holdFirst(item);
			return "alone " + item;
		}, 100, 1000, 1)) {
			CompletableFuture<String> first = held.first(commit);
			List<CompletableFuture<String>> rest = new ArrayList<>();
			for (int i = 1; i <= 20; i++) {
				rest.add(submit(commit, i));
			}
			awaitWaiting(commit, 20);
			held.release();

			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("alone 0");
			for (int i = 0; i < rest.size(); i++) {
				assertThat(rest.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("together " + (i + 1));
			}
			// a lone item goes at once, alone; the twenty that queued behind it went in one transaction
			assertThat(alone).containsExactly(0);
			assertThat(groups).hasSize(1);
			assertThat(groups.get(0)).containsExactlyInAnyOrderElementsOf(
					rest.stream().map(f -> Integer.parseInt(f.join().substring("together ".length()))).toList());
		}
	}

	@Test
	void aFailingItemFailsAloneAndTheOthersStillCommit() throws Exception {
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", group -> {
			groups.add(List.copyOf(group));
			if (group.contains(13)) {
				throw new IllegalStateException("the group's transaction rolled back");
			}
			return group.stream().map(i -> "together " + i).toList();
		}, item -> {
			alone.add(item);
			held.holdFirst(item);
			if (item == 13) {
				throw new IllegalArgumentException("13 is refused");
			}
			return "alone " + item;
		}, 100, 1000, 1)) {
			CompletableFuture<String> first = held.first(commit);
			List<CompletableFuture<String>> rest = new ArrayList<>();
			for (int i = 10; i <= 15; i++) {
				rest.add(submit(commit, i));
			}
			awaitWaiting(commit, 6);
			held.release();
			first.get(10, TimeUnit.SECONDS);

			for (int i = 0; i < rest.size(); i++) {
				int item = 10 + i;
				if (item == 13) {
					assertThatThrownBy(() -> rest.get(3).join()).hasRootCauseInstanceOf(IllegalArgumentException.class)
						.hasRootCauseMessage("13 is refused");
				}
				else {
					assertThat(rest.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("alone " + item);
				}
			}
			// the group rolled back, then each of its items went alone
			assertThat(groups).hasSize(1);
			assertThat(alone).containsExactlyInAnyOrder(0, 10, 11, 12, 13, 14, 15);
		}
	}

	@Test
	void aDatabaseOutageFailsTheWholeGroupWithoutTryingEachAlone() throws Exception {
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", group -> {
			throw new CannotCreateTransactionException("no connection");
		}, item -> {
			alone.add(item);
			held.holdFirst(item);
			return "alone " + item;
		}, 100, 1000, 1)) {
			CompletableFuture<String> first = held.first(commit);
			CompletableFuture<String> second = submit(commit, 1);
			CompletableFuture<String> third = submit(commit, 2);
			awaitWaiting(commit, 2);
			held.release();
			first.get(10, TimeUnit.SECONDS);
			assertThatThrownBy(second::join).hasRootCauseInstanceOf(CannotCreateTransactionException.class);
			assertThatThrownBy(third::join).hasRootCauseInstanceOf(CannotCreateTransactionException.class);
			assertThat(alone).containsExactly(0);
		}
	}

	@Test
	void aFullQueueRefusesAtOnceAndAppliesNothing() throws Exception {
		AtomicInteger applied = new AtomicInteger();
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", group -> {
			applied.addAndGet(group.size());
			return group.stream().map(i -> "together " + i).toList();
		}, item -> {
			applied.incrementAndGet();
			held.holdFirst(item);
			return "alone " + item;
		}, 100, 2, 1)) {
			CompletableFuture<String> first = held.first(commit);
			CompletableFuture<String> second = submit(commit, 1);
			CompletableFuture<String> third = submit(commit, 2);
			awaitWaiting(commit, 2);

			assertThatThrownBy(() -> commit.submit(3)).isInstanceOf(OverloadedException.class)
				.satisfies(e -> assertThat(((OverloadedException) e).retryAfter()).isPositive());
			held.release();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("alone 0");
			assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("together 1");
			assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("together 2");
			assertThat(applied).hasValue(3);
		}
	}

	@Test
	void closingAppliesWhatIsWaiting() throws Exception {
		GroupCommit<Integer, String> commit = new GroupCommit<>("test",
				group -> group.stream().map(i -> "together " + i).toList(), item -> {
					held.holdFirst(item);
					return "alone " + item;
				}, 100, 1000, 1);
		CompletableFuture<String> first = held.first(commit);
		CompletableFuture<String> second = submit(commit, 1);
		awaitWaiting(commit, 1);
		CompletableFuture<Void> closing = CompletableFuture.runAsync(commit::close, callers);
		held.release();
		closing.get(10, TimeUnit.SECONDS);
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("alone 0");
		assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("alone 1");
		assertThatThrownBy(() -> commit.submit(2)).isInstanceOf(IllegalStateException.class);
	}

	/** Submits from a caller's thread of its own. */
	private CompletableFuture<String> submit(GroupCommit<Integer, String> commit, int item) {
		return CompletableFuture.supplyAsync(() -> commit.submit(item), callers);
	}

	/** Holds item 0 inside its "transaction" until released, so that what arrives meanwhile has to wait. */
	private final class Held {

		private final CountDownLatch inside = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		/** Called by the "transaction" of each item: item 0 stays inside until {@link #release()}. */
		void holdFirst(int item) {
			if (item == 0) {
				inside.countDown();
				await(release);
			}
		}

		/** Submits item 0 and returns once it is inside its "transaction". */
		CompletableFuture<String> first(GroupCommit<Integer, String> commit) throws InterruptedException {
			CompletableFuture<String> first = submit(commit, 0);
			assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
			return first;
		}

		void release() {
			release.countDown();
		}

	}

	/** Waits until this many items are queued (the callers' threads have reached submit). */
	private static void awaitWaiting(GroupCommit<?, ?> commit, int count) {
		IntegrationTestBase.eventually(count + " items waiting", Duration.ofSeconds(10),
				() -> commit.waiting() >= count);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
