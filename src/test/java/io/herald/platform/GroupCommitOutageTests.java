package io.herald.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Group commit while the database is gone: the first group that cannot get a connection fails everything queued
 * behind it too, so that no caller waits one more connection timeout per group ahead of it. No timing is asserted:
 * the "transactions" are counted.
 */
class GroupCommitOutageTests {

	private final ExecutorService callers = Executors.newCachedThreadPool();

	private final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());

	private final CountDownLatch inside = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stopCallers() {
		callers.shutdownNow();
	}

	@Test
	void aGroupThatCannotReachTheDatabaseFailsEverythingWaitingBehindIt() throws Exception {
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("outage", group -> {
			groups.add(List.copyOf(group));
			throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
		}, item -> {
			// item 0 holds the only committer while the others queue up; then the database "goes away"
			inside.countDown();
			await(release);
			throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
		}, 2, 100, 1)) {
			CompletableFuture<String> first = submit(commit, 0);
			assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
			List<CompletableFuture<String>> waiting = new ArrayList<>();
			for (int i = 1; i <= 6; i++) {
				waiting.add(submit(commit, i));
			}
			IntegrationTestBase.eventually("six items wait", () -> commit.waiting() == 6);
			release.countDown();

			assertThatThrownBy(first::join).hasRootCauseInstanceOf(CannotCreateTransactionException.class);
			for (CompletableFuture<String> item : waiting) {
				assertThatThrownBy(item::join).hasRootCauseInstanceOf(CannotCreateTransactionException.class);
			}
			// item 0 alone failed and took every waiting item with it: not one group tried the database again
			assertThat(groups).isEmpty();
			assertThat(commit.waiting()).isZero();
		}
	}

	@Test
	void aGroupThatCannotReachTheDatabaseFailsTheItemsQueuedBehindIt() throws Exception {
		try (GroupCommit<Integer, String> commit = new GroupCommit<>("outage", group -> {
			groups.add(List.copyOf(group));
			throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction");
		}, item -> {
			inside.countDown();
			await(release);
			return "alone " + item;
		}, 2, 100, 1)) {
			CompletableFuture<String> first = submit(commit, 0);
			assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
			List<CompletableFuture<String>> waiting = new ArrayList<>();
			for (int i = 1; i <= 6; i++) {
				waiting.add(submit(commit, i));
			}
			IntegrationTestBase.eventually("six items wait", () -> commit.waiting() == 6);
			release.countDown();

			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("alone 0");
			for (CompletableFuture<String> item : waiting) {
				assertThatThrownBy(item::join).hasRootCauseInstanceOf(CannotCreateTransactionException.class);
			}
			// the group of two found no connection; the four behind it were failed with it, not tried in two more
			assertThat(groups).singleElement().satisfies(group -> assertThat(group).hasSize(2));
			assertThat(commit.waiting()).isZero();
		}
	}

	private CompletableFuture<String> submit(GroupCommit<Integer, String> commit, int item) {
		return CompletableFuture.supplyAsync(() -> commit.submit(item), callers);
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
