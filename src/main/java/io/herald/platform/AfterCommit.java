package io.herald.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must wait for the current transaction to commit: what others see only exists from then on. */
public final class AfterCommit {

	private AfterCommit() {
	}

	/** Runs the action once the current transaction commits (never on rollback), or at once without one. */
	public static void run(Runnable action) {
		if (!register(action)) {
			action.run();
		}
	}

	/**
	 * Runs the action now, and again once the current transaction commits (a cache eviction: no reader caches the
	 * old value between the two); without a transaction only now.
	 */
	public static void nowAndAgain(Runnable action) {
		action.run();
		register(action);
	}

	private static boolean register(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return false;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
		return true;
	}

}
