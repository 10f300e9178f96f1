package io.herald.notification.channel.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS provider's HTTP API. Without a base URL the SMS channel is unavailable; without a receipt token it sends
 * but refuses receipts, so SMS counts as delivered once the provider accepted it.
 *
 * @param baseUrl the provider's API root, e.g. {@code https://sms.example.com/api}; unset: no SMS
 * @param path appended to the base URL for sending a message
 * @param format how the message fields are posted: a JSON object or an HTML form
 * @param senderId the sender name or number the customer sees ({@code from})
 * @param apiKey sent as {@code Authorization: Bearer <key>} when set; a secret, so give it in the environment as
 * {@code HERALD_NOTIFICATIONS_SMS_API_KEY}
 * @param connectTimeout TCP connect timeout
 * @param timeout whole-request timeout, reading the answer included; slower providers count as failed and are retried
 * @param receiptToken shared secret the provider presents in the {@code X-Receipt-Token} header of its notification
 * receipts; unset: receipts are refused
 */
@ConfigurationProperties("herald.notifications.sms")
public record SmsSettings(String baseUrl, @DefaultValue("/messages") String path, @DefaultValue("json") Format format,
		@DefaultValue("Herald") String senderId, String apiKey, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration timeout, String receiptToken) {

	/** How the message fields are posted. */
	public enum Format {

		/** {@code application/json}: one object with from, to, text and reference. */
		JSON,
		/** {@code application/x-www-form-urlencoded} with the same fields. */
		FORM

	}

	/** Whether a provider is configured (an empty environment variable counts as unset). */
	public boolean hasBaseUrl() {
		return present(baseUrl);
	}

	public boolean hasApiKey() {
		return present(apiKey);
	}

	/** Whether delivery receipts are accepted: only with a token to check them against. */
	public boolean acceptsReceipts() {
		return present(receiptToken);
	}

	private static boolean present(String s) {
		return s != null && !s.isBlank();
	}

}
