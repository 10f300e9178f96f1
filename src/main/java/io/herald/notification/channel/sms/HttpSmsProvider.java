package io.herald.notification.channel.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.herald.notification.channel.RetryAfter;
import io.herald.notification.channel.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider behind a plain HTTP API, the shape most SMS gateways offer: {@code POST <base-url><path>} with from, to,
 * text and reference as JSON or as a form, the reference also as {@code Idempotency-Key}, and the API key as a bearer
 * token. A 2xx answer carries the provider's message id ({@code {"id": "..."}}), the key to its receipts. 408, 425,
 * 429 and 5xx are retried (honouring Retry-After), as are timeouts and refused or broken connections; other 4xx (an
 * invalid number, a rejected sender) are permanent.
 *
 * <p>
 * Unlike the webhook channel this one must read the answer's body, so the timeout bounds the whole exchange, body
 * included: a provider that trickles its answer cannot hold the send's slot. Sends are asynchronous, so a slow
 * provider holds an in-flight slot of the dispatcher, never a thread.
 * The base URL is the operator's configuration, not a caller's input, so it is not checked against the outbound URL
 * policy.
 */
@Component
class HttpSmsProvider implements SmsProvider {

	private static final Logger log = LoggerFactory.getLogger(HttpSmsProvider.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** How much of an error answer is kept in the notification's last error. */
	private static final int ERROR_EXCERPT = 200;

	private final SmsSettings settings;

	/** Null when no provider is configured. */
	private final URI endpoint;

	private final HttpClient http;

	private final Clock clock;

	HttpSmsProvider(SmsSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		// a malformed URL stops the application at startup rather than failing every message
		this.endpoint = settings.hasBaseUrl() ? URI.create(settings.baseUrl().strip().replaceAll("/+$", "")
				+ (settings.path().startsWith("/") ? settings.path() : "/" + settings.path())) : null;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public SendOutcome send(SmsMessage message) {
		return sendAsync(message).join();
	}

	@Override
	public CompletableFuture<SendOutcome> sendAsync(SmsMessage message) {
		if (endpoint == null) {
			return CompletableFuture
				.completedFuture(SendOutcome.permanent("SMS is not configured (herald.notifications.sms.base-url)"));
		}
		HttpRequest request;
		try {
			request = request(message);
		}
		catch (IllegalArgumentException e) {
			// only the configuration (the URL's scheme, the API key) can make it invalid: once fixed, the retry passes
			return CompletableFuture
				.completedFuture(SendOutcome.retry("invalid SMS provider request: " + e.getMessage()));
		}
		CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request,
				HttpResponse.BodyHandlers.ofString());
		// the whole exchange, body included, is bounded: a provider that trickles its answer cannot hold the slot
		return exchange.orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).handle((response, failure) -> {
			if (failure == null) {
				return outcome(message, response);
			}
			Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
					: failure;
			if (cause instanceof TimeoutException) {
				exchange.cancel(true);
				return timedOut();
			}
			if (cause instanceof HttpConnectTimeoutException) {
				return SendOutcome.retry("connect timed out after " + settings.connectTimeout().toMillis() + " ms");
			}
			if (cause instanceof HttpTimeoutException) {
				return timedOut();
			}
			return SendOutcome.retry((cause instanceof IOException ? "connection failed: " : "unexpected: ")
					+ cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
		});
	}

	private HttpRequest request(SmsMessage message) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("from", settings.senderId());
		fields.put("to", message.to());
		fields.put("text", message.text());
		fields.put("reference", message.reference());
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
			.timeout(settings.timeout())
			.header("Accept", "application/json")
			.header("User-Agent", "Herald-SMS/1")
			.header("Idempotency-Key", message.reference());
		if (settings.hasApiKey()) {
			builder.header("Authorization", "Bearer " + settings.apiKey().strip());
		}
		return switch (settings.format()) {
			case JSON -> builder.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields), StandardCharsets.UTF_8))
				.build();
			case FORM -> builder.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(fields), StandardCharsets.UTF_8))
				.build();
		};
	}

	private SendOutcome outcome(SmsMessage message, HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			Optional<String> id = messageId(response.body());
			if (id.isEmpty()) {
				// it was accepted: sending it again could reach the phone twice, so it counts as sent, unconfirmable
				log.warn("The SMS provider accepted {} without a message id (HTTP {}); its receipt cannot be matched",
						message.reference(), status);
				return SendOutcome.sent();
			}
			return SendOutcome.sent(id.get());
		}
		String error = "HTTP " + status + " from the SMS provider" + excerpt(response.body());
		if (RetryAfter.retryable(status)) {
			return SendOutcome.retry(error, RetryAfter.of(response, clock.instant()).orElse(null));
		}
		return SendOutcome.permanent(error);
	}

	private SendOutcome timedOut() {
		return SendOutcome.retry("timed out after " + settings.timeout().toMillis() + " ms");
	}

	private static Optional<String> messageId(String body) {
		try {
			JsonNode id = JSON.readTree(body).path("id");
			if ((id.isString() && !id.asString().isBlank()) || id.isIntegralNumber()) {
				return Optional.of(id.asString());
			}
		}
		catch (JacksonException e) {
			// not JSON: no id
		}
		return Optional.empty();
	}

	private static String excerpt(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String line = body.strip().replaceAll("\\s+", " ");
		return ": " + (line.length() <= ERROR_EXCERPT ? line : line.substring(0, ERROR_EXCERPT) + "...");
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
