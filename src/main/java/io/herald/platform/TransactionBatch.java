package io.herald.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Items a listener collects during one transaction and writes together just before it commits, so that they commit
 * (or roll back) with the change that produced them, in one batch however many events the transaction published.
 * Kept as the transaction's synchronization, not as a bound resource, so that a transaction suspended for an inner
 * REQUIRES_NEW one keeps its own items.
 *
 * @param <T> what is collected
 */
public final class TransactionBatch<T> implements TransactionSynchronization {

	private final Object owner;

	private final Consumer<List<T>> beforeCommit;

	private final List<T> items = new ArrayList<>();

	private TransactionBatch(Object owner, Consumer<List<T>> beforeCommit) {
		this.owner = owner;
		this.beforeCommit = beforeCommit;
	}

	/**
	 * Adds an item to the current transaction's batch of this owner, starting the batch with its first item.
	 *
	 * @param beforeCommit writes the batch; runs once, inside the transaction, just before it commits
	 * @throws IllegalStateException outside a transaction: there would be nothing to commit the items with
	 */
	public static <T> void add(Object owner, T item, Consumer<List<T>> beforeCommit) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException(item + " was published outside a transaction");
		}
		TransactionBatch<T> batch = TransactionBatch.<T>find(owner).orElseGet(() -> {
			TransactionBatch<T> created = new TransactionBatch<>(owner, beforeCommit);
			TransactionSynchronizationManager.registerSynchronization(created);
			return created;
		});
		batch.items.add(item);
	}

	/**
	 * The items added so far to the current transaction's batch of this owner, in order; empty outside a transaction
	 * or before the first.
	 */
	public static <T> List<T> items(Object owner) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return List.of();
		}
		return TransactionBatch.<T>find(owner).map(batch -> Collections.unmodifiableList(batch.items)).orElse(List.of());
	}

	@SuppressWarnings("unchecked")
	private static <T> Optional<TransactionBatch<T>> find(Object owner) {
		return TransactionSynchronizationManager.getSynchronizations()
			.stream()
			.filter(s -> s instanceof TransactionBatch<?> b && b.owner == owner)
			.map(s -> (TransactionBatch<T>) s)
			.findFirst();
	}

	@Override
	public void beforeCommit(boolean readOnly) {
		beforeCommit.accept(items);
	}

}
