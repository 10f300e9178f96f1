package io.herald.notification.channel.sms;

import java.util.concurrent.CompletableFuture;

import io.herald.notification.channel.SendOutcome;

/**
 * A service that delivers text messages to phones. Separate from {@link SmsChannel} so that providers can be swapped
 * without touching how Herald turns a notification into a message.
 */
public interface SmsProvider {

	/**
	 * Hands one message to the provider. Never throws: an accepted message is {@link SendOutcome#sent(String)} under
	 * the provider's id for it (matched against its receipts later), every failure is a retry or permanent outcome.
	 */
	SendOutcome send(SmsMessage message);

	/** {@link #send} without holding a thread while the provider answers; never completes exceptionally. */
	default CompletableFuture<SendOutcome> sendAsync(SmsMessage message) {
		return CompletableFuture.completedFuture(send(message));
	}

}
