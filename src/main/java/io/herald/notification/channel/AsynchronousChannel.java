package io.herald.notification.channel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A channel that sends without holding a thread while the receiver answers (an HTTP receiver, a Kafka broker): it
 * implements only {@link #sendAsync}, and a blocking {@link #send} waits for it.
 */
public interface AsynchronousChannel extends Channel {

	@Override
	default boolean asynchronous() {
		return true;
	}

	@Override
	default SendOutcome send(Message message) {
		return sendAsync(message, Runnable::run).join();
	}

	@Override
	CompletableFuture<SendOutcome> sendAsync(Message message, Executor blocking);

}
