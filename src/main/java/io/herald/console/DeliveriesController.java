package io.herald.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.merchant.Merchants;
import io.herald.notification.DeliveryAdministration;
import io.herald.notification.DeliveryAdministration.NotificationRecord;
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
 * Dead deliveries with the reason they died, re-driven one by one or all at once once the cause is fixed. Actions
 * are form posts (with the CSRF token) answered by a redirect with a notice or the problem (Post/Redirect/Get).
 */
@Hidden
@Controller
class DeliveriesController {

	static final int PAGE_SIZE = 50;

	private final DeliveryAdministration deliveries;

	private final Orders orders;

	private final Merchants merchants;

	DeliveriesController(DeliveryAdministration deliveries, Orders orders, Merchants merchants) {
		this.deliveries = deliveries;
		this.orders = orders;
		this.merchants = merchants;
	}

	/** One dead delivery as listed. */
	record DeadRow(UUID id, String messageId, UUID orderId, String orderNumber, String merchant, String kind,
			String channel, String recipient, int attempts, String reason, String createdAt) {
	}

	@GetMapping("/console/deliveries")
	String dead(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(0, page);
		List<NotificationRecord> dead = deliveries.dead(caller, current, PAGE_SIZE);
		Map<UUID, Order> ordersById = new LinkedHashMap<>();
		orders.findAll(dead.stream().map(NotificationRecord::orderId).distinct().toList())
			.forEach(o -> ordersById.put(o.id(), o));
		Map<UUID, String> merchantNames = new LinkedHashMap<>();
		merchants.all().forEach(m -> merchantNames.put(m.id(), m.name()));
		List<DeadRow> rows = dead.stream().map(d -> {
			Order order = ordersById.get(d.orderId());
			return new DeadRow(d.deliveryId(), d.id(), d.orderId(), order == null ? "?" : order.orderNumber(),
					order == null ? "" : merchantNames.getOrDefault(order.merchantId(), ""),
					OverviewController.label(d.kind()), d.channel(), d.recipient(), d.attempts(), d.lastError(),
					OrdersController.time(d.createdAt()));
		}).toList();
		long total = deliveries.deadCount();
		model.addAttribute("rows", rows);
		model.addAttribute("total", total);
		model.addAttribute("page", current);
		model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
		return "console/deliveries";
	}

	@PostMapping("/console/deliveries/{id}/redrive")
	String redrive(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@RequestParam(required = false) String back, RedirectAttributes flash) {
		try {
			deliveries.redrive(id, caller);
			flash.addFlashAttribute("notice", "Delivery msg_" + id + " is re-driven: it is sent again now.");
		}
		catch (NotFoundException | ConflictException e) {
			flash.addFlashAttribute("problem", e.getMessage());
		}
		return "redirect:" + backTo(back);
	}

	@PostMapping("/console/deliveries/redrive")
	String redriveAll(@AuthenticationPrincipal Caller caller, RedirectAttributes flash) {
		int done = deliveries.redriveAll(caller);
		flash.addFlashAttribute("notice", done == 0 ? "There was no dead delivery to re-drive."
				: done + (done == 1 ? " dead delivery is" : " dead deliveries are") + " re-driven: sent again now.");
		return "redirect:/console/deliveries";
	}

	/** Only back to a console page: never a redirect elsewhere a forged form could choose. */
	static String backTo(String back) {
		return back != null && back.matches("/console(/[A-Za-z0-9/_-]*)?") ? back : "/console/deliveries";
	}

}
