package io.herald.notification.channel.sms;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import io.herald.notification.channel.AsynchronousChannel;
import io.herald.notification.channel.Message;
import io.herald.notification.channel.SendOutcome;
import io.herald.notification.policy.ChannelType;
import org.springframework.stereotype.Component;

/**
 * Text messages to the customer's phone: the notification's recipient is the phone number, its body the whole text, and
 * the message id ({@code msg_<notificationId>}) the provider's idempotency key. Available when a provider is configured;
 * with a receipt token the provider's delivery receipts confirm each message, and until one arrives the customer's
 * fallback channel stays on standby.
 */
@Component
class SmsChannel implements AsynchronousChannel {

	/** E.164: a number the provider could not take is refused here, without a request. */
	private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

	private final SmsProvider provider;

	private final SmsSettings settings;

	SmsChannel(SmsProvider provider, SmsSettings settings) {
		this.provider = provider;
		this.settings = settings;
	}

	@Override
	public ChannelType type() {
		return ChannelType.SMS;
	}

	@Override
	public boolean available() {
		return settings.hasBaseUrl();
	}

	@Override
	public boolean confirmsReceipt() {
		return settings.acceptsReceipts();
	}

	@Override
	public CompletableFuture<SendOutcome> sendAsync(Message message, Executor blocking) {
		if (message.recipient() == null || !E164.matcher(message.recipient()).matches()) {
			return CompletableFuture
				.completedFuture(SendOutcome.permanent("not an E.164 phone number: " + message.recipient()));
		}
		// templates end with a line break; on a phone every character counts
		return provider.sendAsync(new SmsMessage(message.recipient(), message.body().strip(), message.webhookId()));
	}

}
