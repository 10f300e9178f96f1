package io.herald.notification.channel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.herald.notification.policy.ChannelType;

/**
 * A way to reach someone. Implementations are small (blocking unless {@link #asynchronous()}) and report failures
 * as outcomes, not exceptions. Each is enabled by listing its {@link #type()} in
 * {@code herald.notifications.channels}; the dispatcher sends every notification row through the implementation of its
 * channel.
 */
public interface Channel {

	ChannelType type();

	/** Whether the channel can send at all in this configuration (e.g. email needs an SMTP host). */
	default boolean available() {
		return true;
	}

	/**
	 * Whether an accepted send is confirmed later by a receipt ({@code Receipts}); until then the customer's
	 * fallback channel stays on standby. Channels without receipts count as delivered once accepted.
	 */
	default boolean confirmsReceipt() {
		return false;
	}

	/**
	 * Whether an accepted send is marked SENT at once rather than in the dispatcher's next batch, even without a
	 * receiver's reference (a send with one always is, since its receipt may follow right away): for a channel whose
	 * receivers do not deduplicate a message sent again after a crash between the send and the batch.
	 */
	default boolean marksSentAtOnce() {
		return false;
	}

	SendOutcome send(Message message);

	/**
	 * Whether {@link #sendAsync} holds no thread while the receiver answers. The dispatcher keeps up to
	 * {@code max-in-flight} such sends open at once, but gives blocking channels only as many as it has sender
	 * threads: a claimed notification waiting in a queue for a thread would see its lease run out and be sent twice.
	 */
	default boolean asynchronous() {
		return false;
	}

	/**
	 * Sends without holding a thread while the receiver answers, so that a slow receiver costs an in-flight slot, not
	 * a thread: channels over HTTP override it. The default runs the blocking {@link #send} on {@code blocking}.
	 * Never completes exceptionally: failures are outcomes.
	 */
	default CompletableFuture<SendOutcome> sendAsync(Message message, Executor blocking) {
		return CompletableFuture.supplyAsync(() -> send(message), blocking);
	}

}
