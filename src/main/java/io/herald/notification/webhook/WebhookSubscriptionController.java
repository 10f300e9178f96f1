package io.herald.notification.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.merchant.Merchants;
import io.herald.notification.policy.NotificationKind;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.OutboundUrlPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Webhook subscriptions",
		description = "A merchant's webhook endpoints: each gets the notification kinds it chose as CloudEvents, signed per Standard Webhooks with its own secret")
@RestController
@RequestMapping("/api/v1/webhooks/subscriptions")
@Allowed({ Role.ADMIN, Role.MERCHANT })
class WebhookSubscriptionController {

	private final WebhookSubscriptions subscriptions;

	private final Merchants merchants;

	private final OutboundUrlPolicy outbound;

	private final Clock clock;

	WebhookSubscriptionController(WebhookSubscriptions subscriptions, Merchants merchants, OutboundUrlPolicy outbound,
			Clock clock) {
		this.subscriptions = subscriptions;
		this.merchants = merchants;
		this.outbound = outbound;
		this.clock = clock;
	}

	@Operation(summary = "Subscribe an endpoint (merchant, or operator for any merchant)",
			description = "Returns the signing secret once. Without eventTypes the endpoint gets every kind.")
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	SubscriptionSecret create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody NewSubscription request) {
		List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
		UUID merchantId = merchantFor(caller, request.merchantId(), problems);
		List<NotificationKind> eventTypes = check(request.url(), request.eventTypes(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems.size() + " field(s) failed validation", problems);
		}
		WebhookSubscription created = subscriptions.create(merchantId, request.url(), eventTypes);
		return new SubscriptionSecret(view(created), created.secret());
	}

	@Operation(summary = "List webhook subscriptions",
			description = "A merchant sees its own; an operator all, or one merchant's with merchantId.")
	@GetMapping
	List<SubscriptionView> list(@AuthenticationPrincipal Caller caller,
			@RequestParam(required = false) UUID merchantId) {
		return subscriptions.list(caller, merchantId).stream().map(this::view).toList();
	}

	@Operation(summary = "Show a webhook subscription")
	@GetMapping("/{id}")
	SubscriptionView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return view(subscriptions.get(id, caller));
	}

	@Operation(summary = "Change a subscription's URL and event types",
			description = "Applies to messages not yet sent. A disabled subscription stays disabled until it is enabled.")
	@PutMapping("/{id}")
	SubscriptionView update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@Valid @RequestBody SubscriptionChange request) {
		List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
		List<NotificationKind> eventTypes = check(request.url(), request.eventTypes(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems.size() + " field(s) failed validation", problems);
		}
		return view(subscriptions.update(id, caller, request.url(), eventTypes));
	}

	@Operation(summary = "Delete a webhook subscription", description = "Its messages not yet sent end DEAD.")
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		subscriptions.delete(id, caller);
	}

	@Operation(summary = "Rotate the signing secret",
			description = "Returns the new secret once. The previous one stays valid for herald.notifications.webhooks.secret-rotation-overlap (24 h): until then every message carries a signature with each, the new one first.")
	@PostMapping("/{id}/rotate-secret")
	SubscriptionSecret rotateSecret(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		WebhookSubscription rotated = subscriptions.rotateSecret(id, caller);
		return new SubscriptionSecret(view(rotated), rotated.secret());
	}

	@Operation(summary = "Enable a subscription again",
			description = "After it was disabled for failing too often: resets the failure count; later notifications reach it again (messages that ended DEAD meanwhile are not re-sent).")
	@PostMapping("/{id}/enable")
	SubscriptionView enable(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return view(subscriptions.enable(id, caller));
	}

	private SubscriptionView view(WebhookSubscription subscription) {
		return SubscriptionView.of(subscription, clock.instant());
	}

	/** A merchant key subscribes its own merchant; an operator names the merchant. */
	private UUID merchantFor(Caller caller, UUID requested, List<InvalidRequestException.FieldProblem> problems) {
		if (caller.merchantScope().isPresent()) {
			if (requested != null && !requested.equals(caller.merchantId())) {
				problems.add(new InvalidRequestException.FieldProblem("merchantId",
						"a merchant key subscribes its own merchant; leave merchantId out"));
			}
			return caller.merchantId();
		}
		if (requested == null) {
			problems.add(new InvalidRequestException.FieldProblem("merchantId", "required with an operator key"));
		}
		else if (merchants.find(requested).isEmpty()) {
			problems.add(new InvalidRequestException.FieldProblem("merchantId", "no merchant " + requested));
		}
		return requested;
	}

	/** Checks what Bean Validation cannot: where the URL points, and the event type names. */
	private List<NotificationKind> check(String url, List<String> eventTypes,
			List<InvalidRequestException.FieldProblem> problems) {
		outbound.refusal(url)
			.ifPresent(reason -> problems.add(new InvalidRequestException.FieldProblem("url", reason)));
		Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
		List<String> names = eventTypes == null ? List.of() : eventTypes;
		for (int i = 0; i < names.size(); i++) {
			try {
				kinds.add(NotificationKind.valueOf(String.valueOf(names.get(i))));
			}
			catch (IllegalArgumentException e) {
				problems.add(new InvalidRequestException.FieldProblem("eventTypes[" + i + "]", "unknown event type '"
						+ names.get(i) + "'; one of " + Arrays.toString(NotificationKind.values())));
			}
		}
		return List.copyOf(kinds);
	}

	record NewSubscription(
			@Schema(description = "The merchant to subscribe: required with an operator key, left out with a merchant key")
			UUID merchantId,
			@NotBlank @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") @Size(max = 2000) String url,
			@Schema(description = "Notification kinds (STOCKED, STOCKING_FAILED, OUT_FOR_DELIVERY, ...); empty or absent: all")
			@Size(max = 50) List<String> eventTypes) {
	}

	record SubscriptionChange(
			@NotBlank @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") @Size(max = 2000) String url,
			@Schema(description = "Notification kinds; empty or absent: all") @Size(max = 50) List<String> eventTypes) {
	}

	/**
	 * @param previousSecretExpiresAt while a rotation's overlap lasts: when the previous secret stops being signed with
	 * @param consecutiveFailures sends that failed since the last success; the subscription is disabled when they reach
	 * herald.notifications.webhooks.disable-after-failures
	 */
	record SubscriptionView(UUID id, UUID merchantId, String url, List<NotificationKind> eventTypes, boolean enabled,
			String disabledReason, Instant disabledAt, int consecutiveFailures, Instant previousSecretExpiresAt,
			Instant createdAt, Instant updatedAt) {

		/** @param now whether the previous secret is still valid is told at this time */
		static SubscriptionView of(WebhookSubscription s, Instant now) {
			return new SubscriptionView(s.id(), s.merchantId(), s.url(), s.eventTypes(), s.enabled(),
					s.disabledReason(), s.disabledAt(), s.consecutiveFailures(),
					s.rotating(now) ? s.previousSecretExpiresAt() : null, s.createdAt(), s.updatedAt());
		}

	}

	/** A subscription with its signing secret, which is shown only here: when it is created or rotated. */
	record SubscriptionSecret(SubscriptionView subscription, String secret) {
	}

}
