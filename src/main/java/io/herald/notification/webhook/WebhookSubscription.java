package io.herald.notification.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.herald.notification.policy.NotificationKind;

/**
 * One endpoint of a merchant that receives the notifications of the kinds it chose, signed with its own secret.
 *
 * @param eventTypes the kinds it wants, in declaration order; empty: every kind, including kinds added later
 * @param secret the Standard Webhooks signing secret ({@code whsec_...})
 * @param previousSecret the secret before the last rotation, still signed with until {@code previousSecretExpiresAt};
 * null when it was never rotated
 * @param disabledReason the last error when it was disabled for failing too often; null while enabled
 * @param consecutiveFailures send attempts that failed since the last success
 */
public record WebhookSubscription(UUID id, UUID merchantId, String url, List<NotificationKind> eventTypes,
		String secret, String previousSecret, Instant previousSecretExpiresAt, boolean enabled, String disabledReason,
		Instant disabledAt, int consecutiveFailures, Instant createdAt, Instant updatedAt) {

	/** Recipients of notification rows are names, not URLs, so a changed URL or secret applies to messages in flight. */
	private static final String RECIPIENT_PREFIX = "subscription:";

	public WebhookSubscription {
		eventTypes = List.copyOf(eventTypes);
	}

	/** The recipient name of this subscription's notification rows. */
	public String recipient() {
		return RECIPIENT_PREFIX + id;
	}

	/** The subscription a recipient name stands for; empty when the name is not a subscription's. */
	public static Optional<UUID> idOf(String recipient) {
		if (!recipient.startsWith(RECIPIENT_PREFIX)) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(recipient.substring(RECIPIENT_PREFIX.length())));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	public boolean wants(NotificationKind kind) {
		return eventTypes.isEmpty() || eventTypes.contains(kind);
	}

	/** Whether the previous secret is still valid at that time. */
	public boolean rotating(Instant now) {
		return previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now);
	}

	/** The secrets to sign with at that time: the current one first, then the previous one while it is valid. */
	public List<String> signingSecrets(Instant now) {
		return rotating(now) ? List.of(secret, previousSecret) : List.of(secret);
	}

}
