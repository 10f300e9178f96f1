package io.herald.notification.channel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.standardwebhooks.Webhook;
import io.herald.merchant.Merchant;
import io.herald.merchant.Merchants;
import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.ChannelType;
import io.herald.platform.OutboundUrlPolicy;
import org.springframework.stereotype.Component;

/**
 * Signed JSON POST to the merchant's current webhook URL per the Standard Webhooks spec: headers webhook-id (stable across
 * retries), webhook-timestamp and webhook-signature (HMAC-SHA256 with the whsec_ secret, computed by the
 * com.standardwebhooks reference library). 2xx is success; 408, 425, 429 and 5xx are retried (honouring
 * Retry-After); other 4xx are permanent. The timeout bounds the wait for the response headers; the response body is
 * never waited for (the stream is closed unread), so a receiver that trickles its body cannot hold a sender. The URL is
 * checked against {@link OutboundUrlPolicy} before every send. Sends are blocking on the dispatcher's sender threads:
 * measured, the asynchronous client API cost a quarter of the notification throughput in thread hand-offs.
 */
@Component
class WebhookChannel implements Channel {

	private final Merchants merchants;

	private final OutboundUrlPolicy outbound;

	private final HttpClient http;

	private final Duration timeout;

	WebhookChannel(Merchants merchants, OutboundUrlPolicy outbound, NotificationSettings settings) {
		this.merchants = merchants;
		this.outbound = outbound;
		this.timeout = settings.webhook().timeout();
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.webhook().connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public ChannelType type() {
		return ChannelType.WEBHOOK;
	}

	@Override
	public SendOutcome send(Message message) {
		Optional<Merchant> merchant = merchants.find(message.merchantId());
		if (merchant.isEmpty() || !merchant.get().hasWebhook()) {
			return SendOutcome.permanent("the merchant has no webhook configured any more");
		}
		String url = merchant.get().webhookUrl();
		Optional<String> refusal = outbound.refusal(url);
		if (refusal.isPresent()) {
			return SendOutcome.permanent("webhook URL refused: " + refusal.get());
		}
		long timestamp = Instant.now().getEpochSecond();
		String signature;
		try {
			signature = new Webhook(merchant.get().webhookSecret()).sign(message.webhookId(), timestamp,
					message.payload());
		}
		catch (Exception e) {
			return SendOutcome.permanent("cannot sign with the merchant's secret: " + e.getMessage());
		}
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(url))
				.timeout(timeout)
				.header("Content-Type", "application/json")
				.header("User-Agent", "Herald-Webhooks/1")
				.header("webhook-id", message.webhookId())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", signature)
				.POST(HttpRequest.BodyPublishers.ofString(message.payload()))
				.build();
		}
		catch (IllegalArgumentException e) {
			return SendOutcome.permanent("invalid webhook URL: " + e.getMessage());
		}
		try {
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			response.body().close();
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return SendOutcome.sent();
			}
			String error = "HTTP " + status + " from " + url;
			if (status == 408 || status == 425 || status == 429 || status >= 500) {
				return SendOutcome.retry(error, RetryAfter.of(response).orElse(null));
			}
			return SendOutcome.permanent(error);
		}
		catch (HttpTimeoutException e) {
			return SendOutcome.retry("timed out after " + timeout.toMillis() + " ms");
		}
		catch (IOException e) {
			return SendOutcome.retry("connection failed: " + e.getClass().getSimpleName()
					+ (e.getMessage() == null ? "" : ": " + e.getMessage()));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return SendOutcome.retry("interrupted");
		}
	}

}
