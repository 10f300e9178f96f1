package io.herald.merchant;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.herald.access.Allowed;
import io.herald.access.ApiKeys;
import io.herald.access.Caller;
import io.herald.access.IssuedKey;
import io.herald.access.Role;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.OutboundUrlPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Merchants", description = "Operators register merchants; a merchant manages its webhook")
@RestController
@RequestMapping("/api/v1/merchants")
class MerchantController {

	private final Merchants merchants;

	private final ApiKeys keys;

	private final OutboundUrlPolicy outbound;

	MerchantController(Merchants merchants, ApiKeys keys, OutboundUrlPolicy outbound) {
		this.merchants = merchants;
		this.keys = keys;
		this.outbound = outbound;
	}

	private void checkWebhookUrl(String url, String field) {
		if (url != null) {
			outbound.refusal(url).ifPresent(reason -> {
				throw new InvalidRequestException(field, reason);
			});
		}
	}

	@Operation(summary = "Register a merchant (operator)", description = "Returns the merchant's API key and webhook secret once.")
	@PostMapping
	@Allowed(Role.ADMIN)
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	CreatedMerchant create(@AuthenticationPrincipal Caller caller, @Valid @RequestBody NewMerchant request) {
		checkWebhookUrl(request.webhookUrl(), "webhookUrl");
		Merchant merchant = merchants.create(request.name(), request.webhookUrl());
		IssuedKey key = keys.issueMerchantKey(merchant.id(), "initial");
		return new CreatedMerchant(merchant.id(), merchant.name(), merchant.webhookUrl(), merchant.webhookSecret(),
				key.key());
	}

	@Operation(summary = "List merchants (operator)")
	@GetMapping
	@Allowed(Role.ADMIN)
	List<MerchantView> list(@AuthenticationPrincipal Caller caller) {
		return merchants.all().stream().map(MerchantView::of).toList();
	}

	@Operation(summary = "Show a merchant (operator, or the merchant itself)")
	@GetMapping("/{id}")
	@Allowed({ Role.ADMIN, Role.MERCHANT })
	MerchantView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
		return MerchantView.of(visible(caller, id));
	}

	@Operation(summary = "Set the webhook URL, optionally rotating the signing secret", description = "The new secret is returned once.")
	@PutMapping("/{id}/webhook")
	@Allowed({ Role.ADMIN, Role.MERCHANT })
	WebhookSettings webhook(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@Valid @RequestBody WebhookChange request) {
		visible(caller, id);
		checkWebhookUrl(request.url(), "url");
		boolean rotate = Boolean.TRUE.equals(request.rotateSecret());
		Merchant merchant = merchants.updateWebhook(id, request.url(), rotate);
		return new WebhookSettings(merchant.webhookUrl(), rotate ? merchant.webhookSecret() : null);
	}

	@Operation(summary = "Issue another API key for a merchant (operator)", description = "The key is shown once; an optional body {\"expiresAt\": ...} gives it an expiry.")
	@PostMapping("/{id}/keys")
	@Allowed(Role.ADMIN)
	@ResponseStatus(HttpStatus.CREATED)
	IssuedKey issueKey(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@RequestBody(required = false) NewKey request) {
		merchants.get(id);
		return keys.issueMerchantKey(id, "issued", request == null ? null : request.expiresAt());
	}

	/** @param expiresAt when the key stops being accepted (401, type key-expired); absent: never */
	record NewKey(java.time.Instant expiresAt) {
	}

	private Merchant visible(Caller caller, UUID id) {
		if (caller.merchantScope().filter(own -> !own.equals(id)).isPresent()) {
			throw new io.herald.platform.NotFoundException("Merchant", id);
		}
		return merchants.get(id);
	}

	record NewMerchant(@NotBlank @Size(max = 200) String name,
			@Pattern(regexp = "https?://.+", message = "must be an http(s) URL") @Size(max = 2000) String webhookUrl) {
	}

	record CreatedMerchant(UUID id, String name, String webhookUrl, String webhookSecret, String apiKey) {
	}

	record MerchantView(UUID id, String name, String webhookUrl) {
		static MerchantView of(Merchant m) {
			return new MerchantView(m.id(), m.name(), m.webhookUrl());
		}
	}

	record WebhookChange(@Pattern(regexp = "https?://.+", message = "must be an http(s) URL") @Size(max = 2000) String url,
			Boolean rotateSecret) {
	}

	record WebhookSettings(String url, String newSecret) {
	}

}
