package io.herald.notification.channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * Retry-After); other 4xx are permanent. The whole exchange, body included, is bounded by the timeout, and the URL is
 * checked against {@link OutboundUrlPolicy} before every send.
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
		var exchange = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
		try {
			// the request timeout covers waiting for the headers; this bounds a receiver that trickles its body too
			HttpResponse<Void> response = exchange.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return SendOutcome.sent();
			}
			String error = "HTTP " + status + " from " + url;
			if (status == 408 || status == 425 || status == 429 || status >= 500) {
				return SendOutcome.retry(error, retryAfter(response).orElse(null));
			}
			return SendOutcome.permanent(error);
		}
		catch (TimeoutException e) {
			exchange.cancel(true);
			return SendOutcome.retry("timed out after " + timeout.toMillis() + " ms");
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause();
			if (cause instanceof HttpTimeoutException) {
				return SendOutcome.retry("timed out after " + timeout.toMillis() + " ms");
			}
			return SendOutcome.retry("connection failed: " + cause.getClass().getSimpleName()
					+ (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
		}
		catch (InterruptedException e) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			return SendOutcome.retry("interrupted");
		}
	}

	static Optional<Duration> retryAfter(HttpResponse<?> response) {
		return response.headers().firstValue("Retry-After").flatMap(value -> {
			try {
				return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
			}
			catch (NumberFormatException e) {
				try {
					var date = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
					return Optional.of(Duration.between(Instant.now(), date.toInstant()));
				}
				catch (RuntimeException ignored) {
					return Optional.empty();
				}
			}
		}).filter(d -> !d.isNegative());
	}

}
