package io.herald.notification;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.merchant.Merchant;
import io.herald.merchant.Merchants;
import io.herald.notification.channel.Channel;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.Intent;
import io.herald.notification.policy.NotificationKind;
import io.herald.notification.policy.NotificationPolicy;
import io.herald.notification.policy.OrderChange;
import io.herald.notification.policy.Recipients;
import io.herald.order.Order;
import io.herald.order.OrderEvent;
import io.herald.order.OrderLine;
import io.herald.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reacts to order events after they committed: asks the policy which messages they produce, renders them and stores
 * one delivery row each. Runs under Spring Modulith's event publication registry, so an event whose handling did not
 * finish (crash, restart) is handled again; the unique key of the delivery row makes that harmless.
 */
@Component
class NotificationPlanner {

	private static final Logger log = LoggerFactory.getLogger(NotificationPlanner.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Orders orders;

	private final Merchants merchants;

	private final NotificationTemplates templates;

	private final DeliveryRepository deliveries;

	private final DeliveryDispatcher dispatcher;

	private final NotificationPolicy policy;

	NotificationPlanner(Orders orders, Merchants merchants, NotificationTemplates templates,
			DeliveryRepository deliveries, DeliveryDispatcher dispatcher, NotificationSettings settings,
			List<Channel> channels) {
		this.orders = orders;
		this.merchants = merchants;
		this.templates = templates;
		this.deliveries = deliveries;
		this.dispatcher = dispatcher;
		// a channel is used when it is both enabled by configuration and able to send here (email needs SMTP)
		var usable = EnumSet.noneOf(ChannelType.class);
		channels.stream().filter(Channel::available).map(Channel::type).filter(settings.channels()::contains)
			.forEach(usable::add);
		this.policy = new NotificationPolicy(settings.notifyAssigned(), usable);
		log.info("Notification channels in use: {}", usable);
	}

	// One listener per event type that can concern a customer: events nobody is told about (placed, unassigned)
	// then create no publication at all, which keeps intake cheap.

	@ApplicationModuleListener
	void on(Order.OrderAssigned event) {
		plan(event);
	}

	@ApplicationModuleListener
	void on(Order.StockingSucceeded event) {
		plan(event);
	}

	@ApplicationModuleListener
	void on(Order.StockingFailed event) {
		plan(event);
	}

	@ApplicationModuleListener
	void on(Order.OrderCancelled event) {
		plan(event);
	}

	private void plan(OrderEvent event) {
		OrderChange change = change(event);
		if (policy.kindFor(change).isEmpty()) {
			return;
		}
		Optional<Order> found = orders.find(event.orderId());
		if (found.isEmpty()) {
			log.warn("Order {} of event {} no longer exists; nothing to notify", event.orderId(), event.type());
			return;
		}
		Order order = found.get();
		Merchant merchant = merchants.get(order.merchantId());
		// the webhook recipient is the merchant, not a URL: the URL in effect is read at send time
		var recipients = new Recipients(merchant.hasWebhook() ? "merchant:" + merchant.id() : null,
				order.customer().email(), order.orderNumber());
		int created = 0;
		for (Intent intent : policy.decide(change, event.occurredAt().toString(), recipients)) {
			if (deliveries.insertIfAbsent(delivery(intent, event, order, merchant))) {
				created++;
			}
		}
		if (created > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					dispatcher.wake();
				}
			});
		}
	}

	private Delivery delivery(Intent intent, OrderEvent event, Order order, Merchant merchant) {
		String locale = order.customer().locale();
		Map<String, Object> context = context(event, order, merchant, locale);
		NotificationTemplates.Rendered rendered = templates.render(intent.kind(), locale, context);
		UUID id = UUID.randomUUID();
		String payload = intent.channel() == ChannelType.WEBHOOK
				? webhookPayload(id, intent.kind(), event, order, rendered, context) : null;
		return new Delivery(id, order.id(), order.merchantId(), intent.kind(), intent.dedupKey(), intent.channel(),
				intent.recipient(), rendered.locale(), rendered.subject(), rendered.body(), payload,
				DeliveryStatus.PENDING, 0, null, Instant.now(), event.occurredAt(), null, null, null);
	}

	private Map<String, Object> context(OrderEvent event, Order order, Merchant merchant, String locale) {
		Map<String, Object> context = new HashMap<>();
		context.put("customerName", order.customer().name());
		context.put("orderNumber", order.orderNumber());
		context.put("merchantName", merchant.name());
		context.put("items", order.lines().stream().map(NotificationPlanner::item).toList());
		context.put("failedItems", List.of());
		context.put("allItems", true);
		context.put("reason", null);
		context.put("reasonCode", null);
		context.put("note", null);
		context.put("cancelReason", null);
		if (event instanceof Order.StockingFailed failed) {
			List<OrderLine> lines = failed.failedLines().isEmpty() ? order.lines()
					: order.lines().stream().filter(l -> failed.failedLines().contains(l.line())).toList();
			context.put("failedItems", lines.stream().map(NotificationPlanner::item).toList());
			context.put("allItems", failed.failedLines().isEmpty() || lines.size() == order.lines().size());
			context.put("reason", templates.reasonLabel(failed.reason().name(), locale));
			context.put("reasonCode", failed.reason().name());
			context.put("note", failed.note());
		}
		if (event instanceof Order.OrderCancelled cancelled) {
			context.put("cancelReason", cancelled.reason());
		}
		return context;
	}

	/** The Standard Webhooks payload shape: type, timestamp, data. */
	private static String webhookPayload(UUID id, NotificationKind kind, OrderEvent event, Order order,
			NotificationTemplates.Rendered rendered, Map<String, Object> context) {
		Map<String, Object> customer = new LinkedHashMap<>();
		customer.put("name", order.customer().name());
		customer.put("email", order.customer().email());
		customer.put("phone", order.customer().phone());
		customer.put("locale", order.customer().locale());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("notificationId", "msg_" + id);
		data.put("kind", kind.name());
		data.put("orderId", order.id());
		data.put("orderNumber", order.orderNumber());
		data.put("customer", customer);
		data.put("locale", rendered.locale());
		data.put("subject", rendered.subject());
		data.put("message", rendered.body());
		if (context.get("reasonCode") != null) {
			data.put("reason", context.get("reasonCode"));
			data.put("reasonText", context.get("reason"));
			data.put("note", context.get("note"));
			data.put("failedItems", context.get("failedItems"));
		}
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("type", "notification." + kind.name().toLowerCase());
		payload.put("timestamp", event.occurredAt().toString());
		payload.put("data", data);
		return JSON.writeValueAsString(payload);
	}

	private static Map<String, Object> item(OrderLine line) {
		return Map.of("line", line.line(), "sku", line.sku(), "name", line.name(), "quantity", line.quantity());
	}

	private static OrderChange change(OrderEvent event) {
		if (event instanceof Order.OrderPlaced) {
			return OrderChange.PLACED;
		}
		if (event instanceof Order.OrderAssigned) {
			return OrderChange.ASSIGNED;
		}
		if (event instanceof Order.OrderUnassigned) {
			return OrderChange.UNASSIGNED;
		}
		if (event instanceof Order.StockingSucceeded) {
			return OrderChange.STOCKED;
		}
		if (event instanceof Order.StockingFailed) {
			return OrderChange.STOCKING_FAILED;
		}
		return OrderChange.CANCELLED;
	}

}
