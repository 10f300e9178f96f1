package io.herald.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.merchant.Merchants;
import io.herald.notification.NotificationAdministration.NotificationRecord;
import io.herald.notification.NotificationAdministration;
import io.herald.order.Order;
import io.herald.order.Orders;
import io.herald.platform.ConflictException;
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

/**
 * Dead notifications with the reason they died, re-driven one by one or all at once once the cause is fixed. Actions
 * are form posts (with the CSRF token) answered by a redirect with a notice or the problem (Post/Redirect/Get).
 */
@Hidden
@Controller
class DeadNotificationsController {

	static final int PAGE_SIZE = 50;

	private final NotificationAdministration notifications;

	private final Orders orders;

	private final Merchants merchants;

	DeadNotificationsController(NotificationAdministration notifications, Orders orders, Merchants merchants) {
		this.notifications = notifications;
		this.orders = orders;
		this.merchants = merchants;
	}

	/** One dead notification as listed. */
	record DeadRow(UUID id, String messageId, UUID orderId, String orderNumber, String merchant, String kind,
			String channel, String recipient, int attempts, String reason, String createdAt) {
	}

	/** The page's address before "delivery" came to mean only the courier's: kept for bookmarks. */
	@GetMapping("/console/deliveries")
	String formerAddress() {
		return "redirect:/console/notifications";
	}

	@GetMapping("/console/notifications")
	String dead(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(0, page);
		List<NotificationRecord> dead = notifications.dead(caller, current, PAGE_SIZE);
		Map<UUID, Order> ordersById = new LinkedHashMap<>();
		orders.findAll(dead.stream().map(NotificationRecord::orderId).distinct().toList())
			.forEach(o -> ordersById.put(o.id(), o));
		Map<UUID, String> merchantNames = new LinkedHashMap<>();
		merchants.all().forEach(m -> merchantNames.put(m.id(), m.name()));
		List<DeadRow> rows = dead.stream().map(d -> {
			Order order = ordersById.get(d.orderId());
			return new DeadRow(d.notificationId(), d.id(), d.orderId(), order == null ? "?" : order.orderNumber(),
					order == null ? "" : merchantNames.getOrDefault(order.merchantId(), ""),
					OverviewController.label(d.kind()), d.channel(), d.recipient(), d.attempts(), d.lastError(),
					OrdersController.time(d.createdAt()));
		}).toList();
		long total = notifications.deadCount();
		model.addAttribute("rows", rows);
		model.addAttribute("total", total);
		model.addAttribute("page", current);
		model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
		return "console/notifications";
	}

	@PostMapping("/console/notifications/{id}/redrive")
	String redrive(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@RequestParam(required = false) String back, RedirectAttributes flash) {
		try {
			notifications.redrive(id, caller);
			flash.addFlashAttribute("notice", "Notification msg_" + id + " is re-driven: it is sent again now.");
		}
		catch (NotFoundException | ConflictException e) {
			flash.addFlashAttribute("problem", e.getMessage());
		}
		return "redirect:" + backTo(back);
	}

	@PostMapping("/console/notifications/redrive")
	String redriveAll(@AuthenticationPrincipal Caller caller, RedirectAttributes flash) {
		int done = notifications.redriveAll(caller);
		flash.addFlashAttribute("notice", done == 0 ? "There was no dead notification to re-drive."
				: done + (done == 1 ? " dead notification is" : " dead notifications are") + " re-driven: sent again now.");
		return "redirect:/console/notifications";
	}

	/** Only back to a console page: never a redirect elsewhere a forged form could choose. */
	static String backTo(String back) {
		return back != null && back.matches("/console(/[A-Za-z0-9/_-]*)?") ? back : "/console/notifications";
	}

}
