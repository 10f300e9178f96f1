package io.herald.notification.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook subscription settings.
 *
 * @param disableAfterFailures send attempts to one subscription that may fail in a row before it is disabled; an
 * endpoint that is gone for good would otherwise take every retry of every message for as long as they last
 * @param secretRotationOverlap how long the previous secret stays valid after a rotation: notifications carry a
 * signature with each, so a receiver can deploy the new secret without rejecting a message in between
 * @param cacheTtl how long a node caches a merchant's subscriptions (read for every notification); changes through the
 * API and disabling apply at once on the node that made them, on other nodes within this time
 */
@ConfigurationProperties("herald.notifications.webhooks")
public record WebhookSubscriptionSettings(@DefaultValue("10") int disableAfterFailures,
		@DefaultValue("24h") Duration secretRotationOverlap, @DefaultValue("10s") Duration cacheTtl) {

	public WebhookSubscriptionSettings {
		if (disableAfterFailures < 1) {
			throw new IllegalArgumentException("disable-after-failures must be at least 1, got " + disableAfterFailures);
		}
		if (secretRotationOverlap.isNegative()) {
			throw new IllegalArgumentException("secret-rotation-overlap must not be negative, got " + secretRotationOverlap);
		}
		if (cacheTtl.isNegative()) {
			throw new IllegalArgumentException("cache-ttl must not be negative, got " + cacheTtl);
		}
	}

}
