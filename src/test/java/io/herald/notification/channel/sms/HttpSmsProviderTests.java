package io.herald.notification.channel.sms;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.herald.notification.channel.SendOutcome;
import io.herald.support.FakeSmsProvider;
import io.herald.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP provider adapter against a real loopback server playing the provider, one outcome per kind of answer. */
class HttpSmsProviderTests {

	@RegisterExtension
	static final FakeSmsProvider provider = FakeSmsProvider.start();

	final SmsMessage message = new SmsMessage("+37612345", "Acme: your order A-1 is ready & packed. 您好",
			"msg_3f1c2a5e-0000-4000-8000-000000000001");

	static SmsSettings settings(String baseUrl, SmsSettings.Format format, String apiKey) {
		return new SmsSettings(baseUrl, "/v1/messages", format, "Acme", apiKey, Duration.ofMillis(500),
				Duration.ofMillis(500), null);
	}

	HttpSmsProvider json() {
		return new HttpSmsProvider(settings(provider.baseUrl(), SmsSettings.Format.JSON, "sms-key-123"),
				Clock.systemUTC());
	}

	@Test
	void acceptedMessageIsSentUnderTheProvidersId() {
		SendOutcome outcome = json().send(message);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.SENT);
		assertThat(outcome.reference()).isEqualTo("sms-1");
		assertThat(provider.requests()).hasSize(1);
		var request = provider.requests().get(0);
		assertThat(request.path()).isEqualTo("/v1/messages");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("Authorization")).isEqualTo("Bearer sms-key-123");
		assertThat(request.header("Idempotency-Key")).isEqualTo(message.reference());
		assertThat(request.fields()).containsExactly(Map.entry("from", "Acme"),
				Map.entry("to", "+37612345"), Map.entry("text", message.text()),
				Map.entry("reference", message.reference()));
	}

	@Test
	void aRepeatedSendCarriesTheSameIdempotencyKeyAndGetsTheSameId() {
		HttpSmsProvider sms = json();

		assertThat(sms.send(message).reference()).isEqualTo("sms-1");
		assertThat(sms.send(message).reference()).isEqualTo("sms-1");
		assertThat(provider.requests()).extracting(r -> r.header("Idempotency-Key"))
			.containsExactly(message.reference(), message.reference());
	}

	@Test
	void formFormatPostsTheSameFieldsUrlEncodedWithTheBearerKey() {
		var sms = new HttpSmsProvider(settings(provider.baseUrl() + "/", SmsSettings.Format.FORM, "sms-key-123"),
				Clock.systemUTC());

		SendOutcome outcome = sms.send(message);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.SENT);
		var request = provider.requests().get(0);
		assertThat(request.path()).isEqualTo("/v1/messages");
		assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
		assertThat(request.header("Authorization")).isEqualTo("Bearer sms-key-123");
		assertThat(request.body()).contains("to=%2B37612345").contains("&reference=msg_");
		assertThat(request.fields()).containsEntry("from", "Acme")
			.containsEntry("to", "+37612345")
			.containsEntry("text", message.text())
			.containsEntry("reference", message.reference());
	}

	@Test
	void withoutAnApiKeyNoAuthorizationIsSent() {
		new HttpSmsProvider(settings(provider.baseUrl(), SmsSettings.Format.JSON, null),
				Clock.systemUTC()).send(message);

		assertThat(provider.requests().get(0).header("Authorization")).isNull();
	}

	@Test
	void invalidNumberIsPermanentWithTheProvidersReason() {
		provider.reject(400, "invalid number");

		SendOutcome outcome = json().send(message);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.PERMANENT);
		assertThat(outcome.error()).contains("HTTP 400").contains("invalid number");
	}

	@Test
	void rateLimitIsRetriedAfterTheProvidersRetryAfter() {
		provider.rateLimit(30);

		SendOutcome outcome = json().send(message);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.RETRY);
		assertThat(outcome.error()).contains("HTTP 429");
		assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void serverErrorIsRetried() {
		provider.fail(503);

		SendOutcome outcome = json().send(message);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.RETRY);
		assertThat(outcome.error()).isEqualTo("HTTP 503 from the SMS provider");
		assertThat(outcome.retryAfter()).isNull();
	}

	@Test
	void providerSlowerThanTheTimeoutIsRetried() {
		provider.hang();

		long started = System.nanoTime();
		SendOutcome outcome = json().send(message);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.RETRY);
		assertThat(outcome.error()).isEqualTo("timed out after 500 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void providerDownIsRetried() {
		var sms = new HttpSmsProvider(settings(WebhookReceiver.deadUrl(), SmsSettings.Format.JSON, "sms-key-123"),
				Clock.systemUTC());

		SendOutcome outcome = sms.send(message);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.RETRY);
		assertThat(outcome.error()).startsWith("connection failed");
	}

	@Test
	void acceptedWithoutAnIdCountsAsSentWithoutReference() {
		provider.answer(202, "");

		SendOutcome outcome = json().send(message);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.SENT);
		assertThat(outcome.reference()).isNull();
	}

	@Test
	void withoutABaseUrlNothingIsSent() {
		var sms = new HttpSmsProvider(settings(null, SmsSettings.Format.JSON, "sms-key-123"), Clock.systemUTC());

		SendOutcome outcome = sms.send(message);

		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.PERMANENT);
		assertThat(outcome.error()).contains("herald.notifications.sms.base-url");
	}

}
