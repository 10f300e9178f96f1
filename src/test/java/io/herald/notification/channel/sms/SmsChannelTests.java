package io.herald.notification.channel.sms;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.herald.notification.channel.Message;
import io.herald.notification.channel.SendOutcome;
import io.herald.notification.policy.NotificationKind;
import io.herald.support.FakeSmsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** How a notification becomes a text message, through the real HTTP provider and a loopback server playing it. */
class SmsChannelTests {

	@RegisterExtension
	static final FakeSmsProvider provider = FakeSmsProvider.start();

	static SmsSettings settings(String baseUrl, String receiptToken) {
		return new SmsSettings(baseUrl, "/messages", SmsSettings.Format.JSON, "Herald", null, Duration.ofSeconds(1),
				Duration.ofSeconds(1), receiptToken);
	}

	static SmsChannel channel(SmsSettings settings) {
		return new SmsChannel(new HttpSmsProvider(settings, Clock.systemUTC()), settings);
	}

	static Message message(String recipient) {
		return new Message(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), NotificationKind.STOCKED,
				recipient, "en", null, "Acme: your order A-1 is ready.\n", null, 1);
	}

	@Test
	void availableOnlyWithAProviderAndConfirmingOnlyWithAReceiptToken() {
		assertThat(channel(settings(null, "token")).available()).isFalse();
		assertThat(channel(settings(" ", null)).available()).isFalse();
		assertThat(channel(settings(provider.baseUrl(), null)).available()).isTrue();
		assertThat(channel(settings(provider.baseUrl(), null)).confirmsReceipt()).isFalse();
		assertThat(channel(settings(provider.baseUrl(), "token")).confirmsReceipt()).isTrue();
	}

	@Test
	void sendsTheBodyToThePhoneUnderTheStableMessageId() {
		Message message = message("+37612345");

		SendOutcome outcome = channel(settings(provider.baseUrl(), "token")).send(message);

		assertThat(outcome).isEqualTo(SendOutcome.sent("sms-1"));
		var request = provider.requests().get(0);
		assertThat(request.header("Idempotency-Key")).isEqualTo(message.webhookId());
		assertThat(request.fields()).containsEntry("to", "+37612345")
			.containsEntry("text", "Acme: your order A-1 is ready.")
			.containsEntry("reference", "msg_" + message.id())
			.containsEntry("from", "Herald");
	}

	@Test
	void aRecipientThatIsNoPhoneNumberIsRefusedWithoutARequest() {
		SendOutcome outcome = channel(settings(provider.baseUrl(), "token")).send(message("li@example.com"));

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.PERMANENT);
		assertThat(outcome.error()).contains("E.164");
		assertThat(provider.requests()).isEmpty();
	}

}
