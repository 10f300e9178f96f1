package io.herald.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.merchant.Merchant;
import io.herald.merchant.Merchants;
import io.herald.notification.WebhookAdministration;
import io.herald.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Webhook subscriptions of every merchant, with their state, enabled again or disabled by hand. */
@Hidden
@Controller
class WebhooksController {

	private final WebhookAdministration webhooks;

	private final Merchants merchants;

	WebhooksController(WebhookAdministration webhooks, Merchants merchants) {
		this.webhooks = webhooks;
		this.merchants = merchants;
	}

	/** One subscription as listed. */
	record SubscriptionRow(UUID id, String merchant, String url, String eventTypes, boolean enabled,
			String disabledReason, String disabledAt, int failures, String createdAt) {
	}

	@GetMapping("/console/webhooks")
	String list(@AuthenticationPrincipal Caller caller, Model model) {
		List<Merchant> all = merchants.all();
		Map<UUID, String> names = new LinkedHashMap<>();
		all.forEach(m -> names.put(m.id(), m.name()));
		List<SubscriptionRow> rows = webhooks.list(caller)
			.stream()
			.map(s -> new SubscriptionRow(s.id(), names.getOrDefault(s.merchantId(), ""), s.url(),
					s.eventTypes().isEmpty() ? "all kinds"
							: String.join(", ", s.eventTypes().stream().map(OverviewController::label).toList()),
					s.enabled(), s.disabledReason(), OrdersController.time(s.disabledAt()), s.consecutiveFailures(),
					OrdersController.time(s.createdAt())))
			.sorted(java.util.Comparator.comparing(SubscriptionRow::merchant, String.CASE_INSENSITIVE_ORDER))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("merchants", all.stream().filter(Merchant::hasWebhook).toList());
		return "console/webhooks";
	}

	@PostMapping("/console/webhooks/{id}/enable")
	String enable(@AuthenticationPrincipal Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
		try {
			var s = webhooks.enable(id, caller);
			flash.addFlashAttribute("notice", "Enabled " + s.url() + ": it gets notifications again.");
		}
		catch (NotFoundException e) {
			flash.addFlashAttribute("problem", e.getMessage());
		}
		return "redirect:/console/webhooks";
	}

	@PostMapping("/console/webhooks/{id}/disable")
	String disable(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@RequestParam(required = false) String reason, RedirectAttributes flash) {
		String why = "disabled by operator " + ConsolePages.who()
				+ (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
		try {
			var s = webhooks.disable(id, caller, why.length() > 500 ? why.substring(0, 500) : why);
			flash.addFlashAttribute("notice", "Disabled " + s.url() + ": it gets no notifications until enabled.");
		}
		catch (NotFoundException e) {
			flash.addFlashAttribute("problem", e.getMessage());
		}
		return "redirect:/console/webhooks";
	}

}
