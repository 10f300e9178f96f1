package io.herald.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.notification.webhook.WebhookSubscription;
import io.herald.notification.webhook.WebhookSubscriptions;
import org.springframework.stereotype.Service;

/**
 * Merchants' webhook subscriptions for people (the operator console): listed with their state, enabled again after
 * the cause of their failures is fixed, or disabled by hand. Secrets are never shown here.
 */
@Service
public class WebhookAdministration {

	private final WebhookSubscriptions subscriptions;

	WebhookAdministration(WebhookSubscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	/**
	 * One subscription without its secrets.
	 *
	 * @param eventTypes the kinds it wants by name; empty: all
	 * @param disabledReason why it is disabled (the last error, or the operator's reason); null while enabled
	 */
	public record SubscriptionSummary(UUID id, UUID merchantId, String url, List<String> eventTypes, boolean enabled,
			String disabledReason, Instant disabledAt, int consecutiveFailures, Instant createdAt) {

		static SubscriptionSummary of(WebhookSubscription s) {
			return new SubscriptionSummary(s.id(), s.merchantId(), s.url(),
					s.eventTypes().stream().map(Enum::name).toList(), s.enabled(), s.disabledReason(), s.disabledAt(),
					s.consecutiveFailures(), s.createdAt());
		}

	}

	/** The subscriptions the caller may see (an operator: of every merchant), by merchant, oldest first. */
	public List<SubscriptionSummary> list(Caller caller) {
		// stays, though each endpoint declares its roles (@Allowed): this is the module's API for other modules (the
		// console), and it takes a caller without a merchant scope for an operator who sees every merchant's
		// subscriptions, so a station caller must not get past here whichever way it came
		caller.require(Role.MERCHANT, Role.ADMIN);
		return subscriptions.list(caller, null).stream().map(SubscriptionSummary::of).toList();
	}

	/** Enables it again with a clean failure count. */
	public SubscriptionSummary enable(UUID id, Caller caller) {
		// see the first check above: a station caller must not be taken for an operator
		caller.require(Role.MERCHANT, Role.ADMIN);
		return SubscriptionSummary.of(subscriptions.enable(id, caller));
	}

	/** Disables it with the reason; its notifications fail at once until it is enabled. */
	public SubscriptionSummary disable(UUID id, Caller caller, String reason) {
		// see the first check above: a station caller must not be taken for an operator
		caller.require(Role.MERCHANT, Role.ADMIN);
		return SubscriptionSummary.of(subscriptions.disable(id, caller, reason));
	}

}
