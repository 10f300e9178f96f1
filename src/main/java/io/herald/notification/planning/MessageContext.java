package io.herald.notification.planning;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.herald.merchant.Merchant;
import io.herald.notification.template.NotificationTemplates;
import io.herald.order.Order;
import io.herald.order.OrderLine;
import org.springframework.stereotype.Component;

/**
 * What a message's templates can say about a fact: the customer, the order and its items, the reason of a failure
 * in the customer's language, the ETA window in the customer's time zone. Every key is present (null when it does
 * not apply), so a template can test for it.
 */
@Component
class MessageContext {

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

	private final NotificationTemplates templates;

	MessageContext(NotificationTemplates templates) {
		this.templates = templates;
	}

	/** The values the templates of this fact can use, in the customer's language where they are words. */
	Map<String, Object> of(Fact fact, Order order, Merchant merchant, String locale) {
		Map<String, Object> context = new HashMap<>();
		for (String key : List.of("reason", "reasonCode", "note", "cancelReason", "position", "total", "stopsBefore",
				"isNext", "within", "threshold", "windowFrom", "windowTo", "previousFrom", "previousTo",
				"unsubscribeUrl", "resolution", "resolutionCode")) {
			context.put(key, null);
		}
		context.put("customerName", order.customer().name());
		context.put("orderNumber", order.orderNumber());
		context.put("merchantName", merchant.name());
		context.put("items", order.lines().stream().map(MessageContext::item).toList());
		context.put("failedItems", List.of());
		context.put("allItems", true);
		context.putAll(fact.values);
		ZoneId zone = ZoneId.of(order.customer().timeZone());
		if (fact.window != null && fact.window[0] != null) {
			context.put("windowFrom", CLOCK.format(fact.window[0].atZone(zone)));
			context.put("windowTo", CLOCK.format(fact.window[1].atZone(zone)));
		}
		if (fact.previous != null && fact.previous[0] != null) {
			context.put("previousFrom", CLOCK.format(fact.previous[0].atZone(zone)));
			context.put("previousTo", CLOCK.format(fact.previous[1].atZone(zone)));
		}
		if (fact.stockingFailure != null) {
			var failed = fact.stockingFailure;
			List<OrderLine> lines = failed.failedLines().isEmpty() ? order.lines()
					: order.lines().stream().filter(l -> failed.failedLines().contains(l.line())).toList();
			context.put("failedItems", lines.stream().map(MessageContext::item).toList());
			context.put("allItems", failed.failedLines().isEmpty() || lines.size() == order.lines().size());
			context.put("reason", templates.reasonLabel(failed.reason().name(), locale));
			context.put("reasonCode", failed.reason().name());
			context.put("note", failed.note());
		}
		if (fact.resolution != null) {
			context.put("resolution", templates.label("resolution." + fact.resolution.name(), locale));
			context.put("resolutionCode", fact.resolution.name());
		}
		if (fact.deliveryFailure != null) {
			context.put("reason", templates.deliveryReasonLabel(fact.deliveryFailure.reason().name(), locale));
			context.put("reasonCode", fact.deliveryFailure.reason().name());
			context.put("note", fact.deliveryFailure.note());
		}
		return context;
	}

	private static Map<String, Object> item(OrderLine line) {
		return Map.of("line", line.line(), "sku", line.sku(), "name", line.name(), "quantity", line.quantity());
	}

}
