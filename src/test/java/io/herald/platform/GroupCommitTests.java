package io.herald.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

	@AfterEach
	void stopCallers() {
		callers.shutdownNow();
	}

	@Test
	void itemsArrivingWhileAGroupCommitsShareTheNextTransaction() throws Exception {
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", group -> {
			groups.add(List.copyOf(group));
			return group.stream().map(i -> "together " + i).toList();
		}, item -> {
			alone.add(item);
			if (item == 0) {
				firstInside.countDown();
				await(releaseFirst);
			}
			return "alone " + item;
		}, 100, 1000, 1)) {
			CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commit.submit(0), callers);
			assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
			List<CompletableFuture<String>> rest = new ArrayList<>();
			for (int i = 1; i <= 20; i++) {
				int item = i;
				rest.add(CompletableFuture.supplyAsync(() -> commit.submit(item), callers));
			}
			awaitWaiting(commit, 20);
			releaseFirst.countDown();

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
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", group -> {
			groups.add(List.copyOf(group));
			if (group.contains(13)) {
				throw new IllegalStateException("the group's transaction rolled back");
			}
			return group.stream().map(i -> "together " + i).toList();
		}, item -> {
			alone.add(item);
			if (item == 0) {
				firstInside.countDown();
				await(releaseFirst);
			}
			if (item == 13) {
				throw new IllegalArgumentException("13 is refused");
			}
			return "alone " + item;
		}, 100, 1000, 1)) {
			CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commit.submit(0), callers);
			assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
			List<CompletableFuture<String>> rest = new ArrayList<>();
			for (int i = 10; i <= 15; i++) {
				int item = i;
				rest.add(CompletableFuture.supplyAsync(() -> commit.submit(item), callers));
			}
			awaitWaiting(commit, 6);
			releaseFirst.countDown();
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
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", group -> {
			throw new CannotCreateTransactionException("no connection");
		}, item -> {
			alone.add(item);
			firstInside.countDown();
			await(releaseFirst);
			return "alone " + item;
		}, 100, 1000, 1)) {
			CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commit.submit(0), callers);
			assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> commit.submit(1), callers);
			CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> commit.submit(2), callers);
			awaitWaiting(commit, 2);
			releaseFirst.countDown();
			first.get(10, TimeUnit.SECONDS);
			assertThatThrownBy(second::join).hasRootCauseInstanceOf(CannotCreateTransactionException.class);
			assertThatThrownBy(third::join).hasRootCauseInstanceOf(CannotCreateTransactionException.class);
			assertThat(alone).containsExactly(0);
		}
	}

	@Test
	void aFullQueueRefusesAtOnceAndAppliesNothing() throws Exception {
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		AtomicInteger applied = new AtomicInteger();
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("test", group -> {
			applied.addAndGet(group.size());
			return group.stream().map(i -> "together " + i).toList();
		}, item -> {
			applied.incrementAndGet();
			firstInside.countDown();
			await(releaseFirst);
			return "alone " + item;
		}, 100, 2, 1)) {
			CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commit.submit(0), callers);
			assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> commit.submit(1), callers);
			CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> commit.submit(2), callers);
			awaitWaiting(commit, 2);

			assertThatThrownBy(() -> commit.submit(3)).isInstanceOf(OverloadedException.class)
				.satisfies(e -> assertThat(((OverloadedException) e).retryAfter()).isPositive());
			releaseFirst.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("alone 0");
			assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("together 1");
			assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo("together 2");
			assertThat(applied).hasValue(3);
		}
	}

	@Test
	void closingAppliesWhatIsWaiting() throws Exception {
		CountDownLatch firstInside = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		GroupCommit<Integer, String> commit = new GroupCommit<>("test",
				group -> group.stream().map(i -> "together " + i).toList(), item -> {
					firstInside.countDown();
					await(releaseFirst);
					return "alone " + item;
				}, 100, 1000, 1);
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> commit.submit(0), callers);
		assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> commit.submit(1), callers);
		awaitWaiting(commit, 1);
		CompletableFuture<Void> closing = CompletableFuture.runAsync(commit::close, callers);
		releaseFirst.countDown();
		closing.get(10, TimeUnit.SECONDS);
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("alone 0");
		assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("alone 1");
		assertThatThrownBy(() -> commit.submit(2)).isInstanceOf(IllegalStateException.class);
	}

	/** Waits until this many items are queued (the callers' threads have reached submit). */
	private static void awaitWaiting(GroupCommit<?, ?> commit, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (commit.waiting() < count) {
			assertThat(System.nanoTime()).as("items waiting").isLessThan(deadline);
			Thread.sleep(5);
		}
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
