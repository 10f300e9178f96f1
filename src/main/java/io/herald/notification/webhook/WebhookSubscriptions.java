package io.herald.notification.webhook;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.platform.AuditTrail;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.access.Caller;
import io.herald.merchant.Merchants;
import io.herald.notification.policy.NotificationKind;
import io.herald.platform.AfterCommit;
import io.herald.platform.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchants' webhook subscriptions: changes through the API, the lookups of the notification hot path, and the
 * failure count kept from every send.
 *
 * <p>
 * Every notification asks which subscriptions of its merchant want it, so a merchant's subscriptions are cached as one
 * list (the sender finds a subscription in the same list, by the merchant of the message). Every change evicts the
 * merchant's entry, at once and again after its commit, so that no reader caches the old list in between. The cache
 * loads through Caffeine's {@code get}, which an eviction waits for: a load that read the old rows cannot be stored
 * after the eviction.
 */
@Service
public class WebhookSubscriptions {

	private static final Logger log = LoggerFactory.getLogger(WebhookSubscriptions.class);

	private final WebhookSubscriptionRepository repository;

	private final WebhookSubscriptionSettings settings;

	private final Cache<UUID, List<WebhookSubscription>> byMerchant;

	private final Clock clock;

	private final AuditTrail audit;

	WebhookSubscriptions(WebhookSubscriptionRepository repository, WebhookSubscriptionSettings settings, Clock clock,
			AuditTrail audit) {
		this.audit = audit;
		this.repository = repository;
		this.settings = settings;
		this.clock = clock;
		this.byMerchant = Caffeine.newBuilder().expireAfterWrite(settings.cacheTtl()).maximumSize(10_000).build();
	}

	// -- hot path -------------------------------------------------------------------------------------------------

	/** Every subscription of the merchant, enabled or not, oldest first; cached. */
	public List<WebhookSubscription> ofMerchant(UUID merchantId) {
		return byMerchant.get(merchantId, repository::findByMerchant);
	}

	/** The merchant's subscription as the sender needs it at send time; empty when it was deleted. */
	public Optional<WebhookSubscription> find(UUID merchantId, UUID id) {
		return ofMerchant(merchantId).stream().filter(s -> s.id().equals(id)).findFirst();
	}

	/** A send to the subscription succeeded: its failures are no longer consecutive. */
	public void recordSuccess(WebhookSubscription sent) {
		// the cached row is at least as new as this node's last failure of it (failures evict), so a subscription
		// without failures costs no write here; another node's failures are seen once the cache entry expires
		if (sent.consecutiveFailures() > 0) {
			repository.resetFailures(sent.id());
			evict(sent.merchantId());
		}
	}

	/**
	 * A send to the subscription failed. When that makes {@code disable-after-failures} in a row, the subscription is
	 * disabled with the error as its reason: its later notifications fail at once instead of taking every retry, until
	 * the merchant re-enables it.
	 */
	public void recordFailure(WebhookSubscription failed, String error) {
		repository.countFailure(failed.id(), error, settings.disableAfterFailures())
			.filter(counted -> !counted.enabled())
			.ifPresent(disabled -> log.warn(
					"Webhook subscription {} of merchant {} ({}) disabled after {} consecutive failures; last: {}",
					disabled.id(), disabled.merchantId(), disabled.url(), disabled.consecutiveFailures(), error));
		evict(failed.merchantId());
	}

	// -- API ------------------------------------------------------------------------------------------------------

	@Transactional
	WebhookSubscription create(UUID merchantId, String url, List<NotificationKind> eventTypes) {
		WebhookSubscription created = repository.insert(UUID.randomUUID(), merchantId, url, eventTypes, Merchants.newWebhookSecret());
		evictAfterCommit(merchantId);
		return created;
	}

	/** The subscriptions the caller may see: a merchant's own; an operator's of the given merchant, or all. */
	public List<WebhookSubscription> list(Caller caller, UUID merchantId) {
		Optional<UUID> scope = caller.merchantScope().or(() -> Optional.ofNullable(merchantId));
		return scope.map(repository::findByMerchant).orElseGet(repository::findAll);
	}

	/** The subscription, if the caller may see it; another merchant's is not found, like one that does not exist. */
	WebhookSubscription get(UUID id, Caller caller) {
		return repository.find(id)
			.filter(s -> caller.merchantScope().map(s.merchantId()::equals).orElse(true))
			.orElseThrow(() -> new NotFoundException("Webhook subscription", id));
	}

	/** Changes the URL and kinds; a disabled subscription stays disabled until it is enabled. */
	@Transactional
	WebhookSubscription update(UUID id, Caller caller, String url, List<NotificationKind> eventTypes) {
		get(id, caller);
		return changed(repository.update(id, url, eventTypes), id);
	}

	@Transactional
	void delete(UUID id, Caller caller) {
		WebhookSubscription subscription = get(id, caller);
		repository.delete(id);
		evictAfterCommit(subscription.merchantId());
		audit.record("webhook_subscription.deleted", "webhook_subscription", id,
				Map.of("merchantId", subscription.merchantId()));
	}

	/**
	 * Issues a new secret. The current one stays valid for {@code secret-rotation-overlap}: until then every notification
	 * carries a signature with each. Rotating again within the overlap ends the oldest secret at once.
	 */
	@Transactional
	WebhookSubscription rotateSecret(UUID id, Caller caller) {
		get(id, caller);
		return changed(repository.rotate(id, Merchants.newWebhookSecret(), clock.instant().plus(settings.secretRotationOverlap())), id);
	}

	/** Enables the subscription again with a clean failure count; future notifications reach it again. */
	@Transactional
	public WebhookSubscription enable(UUID id, Caller caller) {
		WebhookSubscription subscription = get(id, caller);
		audit.record("webhook_subscription.enabled", "webhook_subscription", id,
				Map.of("merchantId", subscription.merchantId()));
		return changed(repository.enable(id), id);
	}

	/**
	 * Disables the subscription by hand (an operator stopping an endpoint that misbehaves) with the reason given; its
	 * notifications fail at once until it is enabled again. Disabling a disabled one changes nothing.
	 */
	@Transactional
	public WebhookSubscription disable(UUID id, Caller caller, String reason) {
		WebhookSubscription subscription = get(id, caller);
		if (!subscription.enabled()) {
			return subscription;
		}
		audit.record("webhook_subscription.disabled", "webhook_subscription", id,
				Map.of("merchantId", subscription.merchantId(), "reason", String.valueOf(reason)));
		return changed(repository.disable(id, reason), id);
	}

	private WebhookSubscription changed(Optional<WebhookSubscription> afterwards, UUID id) {
		WebhookSubscription subscription = afterwards.orElseThrow(() -> new NotFoundException("Webhook subscription", id));
		evictAfterCommit(subscription.merchantId());
		return subscription;
	}

	private void evict(UUID merchantId) {
		byMerchant.invalidate(merchantId);
	}

	/** Now, and again after commit, so that no reader caches the old list between the two. */
	private void evictAfterCommit(UUID merchantId) {
		AfterCommit.nowAndAgain(() -> evict(merchantId));
	}

}
