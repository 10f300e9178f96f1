package io.herald.notification.channel;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.standardwebhooks.Webhook;
import jakarta.annotation.PreDestroy;
import io.herald.merchant.Merchant;
import io.herald.merchant.Merchants;
import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.webhook.WebhookSubscription;
import io.herald.notification.webhook.WebhookSubscriptions;
import io.herald.platform.OutboundUrlPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signed JSON POST per the Standard Webhooks spec, to the endpoint the recipient names at send time: the merchant's
 * own webhook URL ({@code merchant:<id>}) or one of its subscriptions ({@code subscription:<id>}), so a changed URL
 * or secret applies to messages already queued. Headers webhook-id (stable across retries), webhook-timestamp and
 * webhook-signature (HMAC-SHA256 with the whsec_ secret, computed by the com.standardwebhooks reference library);
 * while a subscription's secret is being rotated the signature header carries one signature per valid secret, the
 * new one first, which the spec allows so that receivers can switch secrets without rejecting a message. The body is
 * a CloudEvent in the structured JSON format, so its Content-Type is {@code application/cloudevents+json} (the
 * CloudEvents HTTP binding tells structured from binary mode by it). 2xx is success; 408, 425, 429 and 5xx are
 * retried (honouring Retry-After); other 4xx are permanent. The timeout bounds the wait for the response headers; the
 * response body is never waited for (it is dropped as it arrives), so a receiver that trickles its body cannot hold a
 * send. The URL is checked against {@link OutboundUrlPolicy} before every send, and every address a connection is
 * made to is checked again as it is resolved ({@link WebhookHttp}), so a name that rebinds to a private address after
 * the first check is refused too. Sends are asynchronous: a slow
 * receiver holds one of the dispatcher's in-flight slots while it answers, never a thread, so it does not slow the
 * others down (an earlier design with blocking sends on a pool of 64 threads was capped at 64 / latency).
 *
 * <p>
 * Every attempt to a subscription counts towards its failure count, which disables it after too many failures in a
 * row ({@link WebhookSubscriptions#recordFailure}); a disabled or deleted subscription fails at once, for good.
 */
@Component
class WebhookChannel implements AsynchronousChannel {

	private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);

	private final Merchants merchants;

	private final WebhookSubscriptions subscriptions;

	private final OutboundUrlPolicy outbound;

	private final WebhookHttp http;

	private final Duration timeout;

	private final Clock clock;

	/** Signers by secret; bounded, and a rotated-out secret simply ages out. */
	private final Cache<String, Webhook> signers = Caffeine.newBuilder().maximumSize(10_000).build();

	WebhookChannel(Merchants merchants, WebhookSubscriptions subscriptions, OutboundUrlPolicy outbound,
			NotificationSettings settings, Clock clock) {
		this.merchants = merchants;
		this.clock = clock;
		this.subscriptions = subscriptions;
		this.outbound = outbound;
		this.timeout = settings.webhook().timeout();
		this.http = new WebhookHttp(outbound, settings.webhook().connectTimeout(), timeout);
	}

	@PreDestroy
	void close() {
		http.close();
	}

	@Override
	public ChannelType type() {
		return ChannelType.WEBHOOK;
	}

	@Override
	public CompletableFuture<SendOutcome> sendAsync(Message message, Executor blocking) {
		if (message.recipient().startsWith("merchant:")) {
			Optional<Merchant> merchant = merchants.find(message.merchantId());
			if (merchant.isEmpty() || !merchant.get().hasWebhook()) {
				return done(SendOutcome.permanent("the merchant has no webhook configured any more"));
			}
			return post(message, merchant.get().webhookUrl(), List.of(merchant.get().webhookSecret()));
		}
		Optional<UUID> subscriptionId = WebhookSubscription.idOf(message.recipient());
		if (subscriptionId.isEmpty()) {
			return done(SendOutcome.permanent("unknown webhook recipient " + message.recipient()));
		}
		Optional<WebhookSubscription> found = subscriptions.find(message.merchantId(), subscriptionId.get());
		if (found.isEmpty()) {
			return done(SendOutcome.permanent("subscription deleted"));
		}
		WebhookSubscription subscription = found.get();
		if (!subscription.enabled()) {
			return done(SendOutcome.permanent("subscription disabled: " + subscription.disabledReason()));
		}
		// the count is a database write: on the blocking executor, not on the HTTP client's threads
		return post(message, subscription.url(), subscription.signingSecrets(clock.instant()))
			.thenApplyAsync(outcome -> count(subscription, outcome), blocking);
	}

	private SendOutcome count(WebhookSubscription subscription, SendOutcome outcome) {
		try {
			if (outcome.result() == SendOutcome.Result.SENT) {
				subscriptions.recordSuccess(subscription);
			}
			else {
				subscriptions.recordFailure(subscription, outcome.error());
			}
		}
		catch (RuntimeException e) {
			// the count is bookkeeping: failing to keep it must not turn a delivered message into a re-send
			log.warn("Could not count the outcome of a send to webhook subscription {}: {}", subscription.id(),
					e.getMessage());
		}
		return outcome;
	}

	/** @param secrets signed with each, in this order */
	private CompletableFuture<SendOutcome> post(Message message, String url, List<String> secrets) {
		Optional<String> refusal = outbound.refusal(url);
		if (refusal.isPresent()) {
			return done(SendOutcome.permanent("webhook URL refused: " + refusal.get()));
		}
		long timestamp = clock.instant().getEpochSecond();
		List<String> signatures = new ArrayList<>();
		try {
			for (String secret : secrets) {
				signatures.add(signer(secret).sign(message.webhookId(), timestamp, message.payload()));
			}
		}
		catch (Exception e) {
			return done(SendOutcome.permanent("cannot sign with the endpoint's secret: " + e.getMessage()));
		}
		URI target;
		try {
			target = URI.create(url);
		}
		catch (IllegalArgumentException e) {
			return done(SendOutcome.permanent("invalid webhook URL: " + e.getMessage()));
		}
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("User-Agent", "Herald-Webhooks/1");
		headers.put("webhook-id", message.webhookId());
		headers.put("webhook-timestamp", Long.toString(timestamp));
		headers.put("webhook-signature", String.join(" ", signatures));
		// the answer is taken at its headers; the body is dropped as it comes, never waited for
		return http.post(target, headers, message.payload(), "application/cloudevents+json; charset=utf-8")
			.handle((answer, failure) -> {
				if (failure != null) {
					return failed(failure);
				}
				int status = answer.status();
				if (status >= 200 && status < 300) {
					return SendOutcome.sent();
				}
				String error = "HTTP " + status + " from " + url;
				if (RetryAfter.retryable(status)) {
					return SendOutcome.retry(error, RetryAfter.of(answer.retryAfter(), clock.instant()).orElse(null));
				}
				return SendOutcome.permanent(error);
			});
	}

	private SendOutcome failed(Throwable failure) {
		Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
				: failure;
		if (cause instanceof WebhookHttp.RefusedAddress) {
			// the name now resolves to an address Herald must not call (DNS rebinding): for good, like a refused URL
			return SendOutcome.permanent("webhook URL refused at connect: " + cause.getMessage());
		}
		if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
			return SendOutcome.retry("timed out after " + timeout.toMillis() + " ms");
		}
		if (cause instanceof IOException) {
			return SendOutcome.retry("connection failed: " + cause.getClass().getSimpleName()
					+ (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
		}
		return SendOutcome.retry("unexpected " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
	}

	/** The signer of a secret, built once: it decodes the secret and sets up the MAC. */
	private Webhook signer(String secret) throws Exception {
		Webhook cached = signers.getIfPresent(secret);
		if (cached == null) {
			cached = new Webhook(secret);
			signers.put(secret, cached);
		}
		return cached;
	}

	private static CompletableFuture<SendOutcome> done(SendOutcome outcome) {
		return CompletableFuture.completedFuture(outcome);
	}

}
