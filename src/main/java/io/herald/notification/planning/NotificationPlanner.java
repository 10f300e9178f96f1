package io.herald.notification.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.herald.merchant.Merchant;
import io.herald.merchant.Merchants;
import io.herald.notification.channel.Channel;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.CustomerPreferences;
import io.herald.notification.policy.Intent;
import io.herald.notification.policy.NotificationKind;
import io.herald.notification.policy.NotificationPolicy;
import io.herald.notification.policy.OrderChange;
import io.herald.notification.policy.Recipients;
import io.herald.order.Order;
import io.herald.order.OrderLine;
import io.herald.order.Orders;
import io.herald.order.Resolution;
import io.herald.order.TrackingTokens;
import io.herald.platform.TransactionBatch;
import io.herald.routing.RouteEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.NotificationStatus;
import io.herald.notification.outbox.Outbox;
import io.herald.notification.dispatch.Dispatcher;
import io.herald.notification.template.NotificationTemplates;
import io.herald.notification.preference.CustomerPreferenceRepository;
import io.herald.notification.preference.UnsubscribeLinks;
import io.herald.notification.webhook.WebhookEvents;
import io.herald.notification.NotificationSettings;
/**
 * Turns order and route events into notification rows inside the transaction that changed the order (a transactional
 * outbox): the listeners collect the facts, and just before that transaction commits they are planned together (the
 * policy decides the messages, the templates render them) and their notification rows inserted in one batch. The change,
 * its story and its messages commit or roll back together, so no accepted change can be left without its messages
 * and no message can exist for a change that did not happen; the dispatcher is woken after the commit.
 *
 * <p>
 * Measured against planning after the commit under Spring Modulith's event publication registry (one publication
 * row, one listener transaction, an order re-read and two registry updates per event): see docs/benchmarks.md, "loop".
 * The unique key of the notification row still makes a repeated event harmless.
 */
@Component
class NotificationPlanner {

	private static final Logger log = LoggerFactory.getLogger(NotificationPlanner.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

	private final Orders orders;

	private final Merchants merchants;

	private final NotificationTemplates templates;

	private final Outbox outbox;

	private final Dispatcher dispatcher;

	private final NotificationPolicy policy;

	private final WebhookEvents webhookEvents;

	private final CustomerPreferenceRepository preferences;

	private final UnsubscribeLinks unsubscribeLinks;

	private final Duration coalesceWindow;

	private final boolean announceEachAttempt;

	private final TrackingTokens trackingTokens;

	private final String trackingBase;

	NotificationPlanner(Orders orders, Merchants merchants, NotificationTemplates templates,
			Outbox outbox, Dispatcher dispatcher, NotificationSettings settings,
			List<Channel> channels, WebhookEvents webhookEvents, CustomerPreferenceRepository preferences,
			UnsubscribeLinks unsubscribeLinks, TrackingTokens trackingTokens) {
		this.trackingTokens = trackingTokens;
		this.trackingBase = settings.publicUrl().replaceAll("/+$", "") + "/track/";
		this.webhookEvents = webhookEvents;
		this.orders = orders;
		this.merchants = merchants;
		this.templates = templates;
		this.outbox = outbox;
		this.dispatcher = dispatcher;
		this.preferences = preferences;
		this.unsubscribeLinks = unsubscribeLinks;
		this.coalesceWindow = settings.coalesceWindow();
		this.announceEachAttempt = settings.announceEachAttempt();
		// a channel is used when it is both enabled by configuration and able to send here (email needs SMTP)
		var usable = EnumSet.noneOf(ChannelType.class);
		channels.stream().filter(Channel::available).map(Channel::type).filter(settings.channels()::contains)
			.forEach(usable::add);
		this.policy = new NotificationPolicy(settings.notifyAssigned(), usable, settings.customerChannels(),
				settings.urgent(), settings.maxPerOrderPerHour());
		log.info("Notification channels in use: {}; customers' default order: {}", usable, settings.customerChannels());
	}

	// One listener per event type that can concern a customer, called synchronously by the publisher inside its
	// transaction.

	@EventListener
	void on(Order.OrderAssigned event) {
		plan(new Fact(event.orderId(), OrderChange.ASSIGNED, event.occurredAt().toString(), event.occurredAt()));
	}

	@EventListener
	void on(Order.StockingSucceeded event) {
		plan(new Fact(event.orderId(), OrderChange.STOCKED, event.occurredAt().toString(), event.occurredAt()));
	}

	@EventListener
	void on(Order.StockingFailed event) {
		Fact fact = new Fact(event.orderId(), OrderChange.STOCKING_FAILED, event.occurredAt().toString(),
				event.occurredAt());
		fact.stockingFailure = event;
		plan(fact);
	}

	@EventListener
	void on(Order.OrderCancelled event) {
		Fact fact = new Fact(event.orderId(), OrderChange.CANCELLED, event.occurredAt().toString(), event.occurredAt());
		fact.values.put("cancelReason", event.reason());
		plan(fact);
	}

	@EventListener
	void on(Order.ResolutionChosen event) {
		if (event.resolution() == Resolution.CANCEL) {
			// the cancellation's own message confirms it
			return;
		}
		Fact fact = new Fact(event.orderId(), OrderChange.RESOLUTION_CHOSEN, event.occurredAt().toString(),
				event.occurredAt());
		fact.resolution = event.resolution();
		plan(fact);
	}

	@EventListener
	void on(Order.OrderDelivered event) {
		// once per order: an order is delivered once
		plan(new Fact(event.orderId(), OrderChange.DELIVERED, "", event.occurredAt()));
	}

	@EventListener
	void on(Order.DeliveryFailed event) {
		Fact fact = new Fact(event.orderId(), OrderChange.DELIVERY_FAILED, attempt(event.routeId(), ""),
				event.occurredAt());
		fact.deliveryFailure = event;
		plan(fact);
	}

	@EventListener
	void on(RouteEvent.StopAnnounced event) {
		Fact fact = new Fact(event.orderId(), OrderChange.STOP_ANNOUNCED, attempt(event.routeId(), ""),
				event.occurredAt());
		fact.values.put("position", event.position());
		fact.values.put("total", event.total());
		fact.values.put("stopsBefore", event.stopsBefore());
		fact.window(event.earliest(), event.latest());
		plan(fact);
	}

	@EventListener
	void on(RouteEvent.StopsAwayReached event) {
		Fact fact = new Fact(event.orderId(), OrderChange.STOPS_AWAY_REACHED,
				attempt(event.routeId(), Integer.toString(event.threshold())), event.occurredAt());
		fact.variant = Integer.toString(event.threshold());
		fact.values.put("stopsBefore", event.stopsBefore());
		boolean within = event.nearer();
		fact.values.put("isNext", event.stopsBefore() == 0 && !within);
		fact.values.put("within", within);
		fact.values.put("threshold", event.threshold());
		fact.window(event.earliest(), event.latest());
		plan(fact);
	}

	@EventListener
	void on(RouteEvent.EtaChanged event) {
		Fact fact = new Fact(event.orderId(), OrderChange.ETA_CHANGED, event.occurredAt().toString(),
				event.occurredAt());
		fact.window(event.earliest(), event.latest());
		fact.previous = new Instant[] { event.previousEarliest(), event.previousLatest() };
		plan(fact);
	}

	/**
	 * The dedup key of a route announcement: once per order, or once per delivery attempt (route) when configured.
	 * Re-plans and replays keep the route, so they never repeat a message either way.
	 */
	private String attempt(UUID routeId, String key) {
		return announceEachAttempt ? routeId + (key.isEmpty() ? "" : ":" + key) : key;
	}

	private void plan(Fact fact) {
		if (policy.kindFor(fact.change).isPresent()) {
			TransactionBatch.add(this, fact, this::planAll);
		}
	}

	/**
	 * Plans the facts of one transaction: one read of their orders, of their customers' preferences and (with a
	 * rate limit) of their recent messages, then one batch of notification rows.
	 */
	private void planAll(List<Fact> facts) {
		Map<UUID, Order> byId = new HashMap<>();
		for (Order order : orders.findAll(facts.stream().map(f -> f.orderId).distinct().toList())) {
			byId.put(order.id(), order);
		}
		Map<UUID, String> tokens = trackingTokens.tokensFor(byId.keySet());
		Map<CustomerPreferenceRepository.Key, CustomerPreferenceRepository.Stored> stored = preferences
			.findAll(byId.values().stream().map(NotificationPlanner::customer).distinct().toList());
		Map<UUID, Set<String>> recent = new HashMap<>();
		if (policy.limitsRate() && !byId.isEmpty()) {
			for (Object[] row : outbox.recentCustomerMessages(byId.keySet())) {
				NotificationKind kind = NotificationKind.valueOf((String) row[1]);
				String dedupKey = (String) row[2];
				if (!policy.urgent(kind, variant(kind, dedupKey))) {
					recent.computeIfAbsent((UUID) row[0], k -> new HashSet<>()).add(kind + "/" + dedupKey);
				}
			}
		}
		Instant now = Instant.now();
		List<Notification> planned = new ArrayList<>();
		int coalesced = 0;
		for (Fact fact : facts) {
			Order order = byId.get(fact.orderId);
			if (order == null) {
				log.warn("Order {} of a {} event does not exist; nothing to notify", fact.orderId, fact.change);
				continue;
			}
			NotificationKind kind = policy.kindFor(fact.change).orElseThrow();
			Merchant merchant = merchants.get(order.merchantId());
			CustomerPreferenceRepository.Key customer = customer(order);
			CustomerPreferences prefs = preferences(stored.getOrDefault(customer,
					CustomerPreferenceRepository.Stored.NONE), order);
			Map<ChannelType, String> contacts = new EnumMap<>(ChannelType.class);
			if (order.customer().email() != null && !order.customer().email().isBlank()) {
				contacts.put(ChannelType.EMAIL, order.customer().email());
			}
			if (order.customer().phone() != null && !order.customer().phone().isBlank()) {
				contacts.put(ChannelType.SMS, order.customer().phone());
			}
			// webhook recipients are endpoint names, not URLs: the URL and secret in effect are read at send time
			var recipients = new Recipients(webhookEvents.recipients(merchant, kind), contacts, order.orderNumber());
			Set<String> told = recent.computeIfAbsent(order.id(), k -> new HashSet<>());
			List<Intent> intents = policy.decide(fact.change, fact.variant, fact.dedupKey, recipients, prefs,
					told.size(), now);
			for (Intent intent : intents) {
				Notification notification = notification(intent, fact, order, merchant, customer, trackingBase + tokens.get(order.id()),
						now);
				if (intent.kind() == NotificationKind.ETA_CHANGED && coalesced(intent.channel())
						&& intent.disposition() == Intent.Disposition.SEND && outbox.replaceUnsent(notification)) {
					// an earlier change still waiting to be sent now says the latest: one message, not two
					coalesced++;
					continue;
				}
				planned.add(notification);
				if (intent.channel().reachesCustomer() && intent.disposition() == Intent.Disposition.SEND
						&& !policy.urgent(kind, fact.variant)) {
					told.add(kind + "/" + fact.dedupKey);
				}
			}
		}
		if (coalesced > 0) {
			log.debug("{} ETA change(s) coalesced into messages not sent yet", coalesced);
		}
		if (outbox.insertAllIfAbsent(planned) > 0) {
			dispatcher.wakeAfterCommit(planned.stream().filter(d -> d.status() == NotificationStatus.PENDING)
				.map(Notification::channel).distinct().toList());
		}
	}

	/**
	 * Whether ETA changes on this channel wait for later ones: the customer's channels, and the live copy of their
	 * messages, which shows what they were sent and so is coalesced the same way. Webhooks and the log get each.
	 */
	private static boolean coalesced(ChannelType channel) {
		return channel.reachesCustomer() || channel == ChannelType.LIVE;
	}

	private static CustomerPreferenceRepository.Key customer(Order order) {
		return new CustomerPreferenceRepository.Key(order.merchantId(),
				CustomerPreferenceRepository.customerKey(order.customer()));
	}

	private static CustomerPreferences preferences(CustomerPreferenceRepository.Stored stored, Order order) {
		ZoneId zone = ZoneId.of(stored.timeZone() != null ? stored.timeZone() : order.customer().timeZone());
		return new CustomerPreferences(stored.channels(), stored.optOuts(), stored.quietStart(), stored.quietEnd(),
				zone);
	}

	/** The variant that can make a message urgent: the threshold of "N stops away" (the end of its dedup key). */
	private static String variant(NotificationKind kind, String dedupKey) {
		return kind == NotificationKind.STOPS_AWAY ? dedupKey.substring(dedupKey.lastIndexOf(':') + 1) : null;
	}

	private Notification notification(Intent intent, Fact fact, Order order, Merchant merchant,
			CustomerPreferenceRepository.Key customer, String trackingUrl, Instant now) {
		String locale = order.customer().locale();
		Map<String, Object> context = context(fact, order, merchant, locale);
		context.put("trackingUrl", trackingUrl);
		String unsubscribe = intent.channel() == ChannelType.EMAIL
				? unsubscribeLinks.url(customer.merchantId(), customer.customer(), intent.kind(), ChannelType.EMAIL)
				: null;
		context.put("unsubscribeUrl", unsubscribe);
		NotificationTemplates.Rendered rendered = templates.render(intent.kind(), intent.channel(), locale, context);
		UUID id = UUID.randomUUID();
		String payload = intent.channel() == ChannelType.WEBHOOK
				? webhookPayload(id, intent.kind(), fact, order, rendered, context) : null;
		NotificationStatus status = switch (intent.disposition()) {
			case SEND -> NotificationStatus.PENDING;
			case STANDBY -> NotificationStatus.STANDBY;
			case SKIP -> NotificationStatus.SKIPPED;
		};
		Instant notBefore = intent.notBefore() != null ? intent.notBefore() : now;
		if (intent.kind() == NotificationKind.ETA_CHANGED && coalesced(intent.channel())) {
			Instant coalesced = now.plus(coalesceWindow);
			notBefore = coalesced.isAfter(notBefore) ? coalesced : notBefore;
		}
		String note = intent.disposition() == Intent.Disposition.SEND ? null : intent.reason();
		return new Notification(id, order.id(), order.merchantId(), intent.kind(), intent.dedupKey(), intent.channel(),
				intent.recipient(), rendered.locale(), rendered.subject(), rendered.body(), payload, status, 0, note,
				notBefore, fact.occurredAt, null, null, null, rendered.html(), unsubscribe, intent.rank());
	}

	private Map<String, Object> context(Fact fact, Order order, Merchant merchant, String locale) {
		Map<String, Object> context = new HashMap<>();
		for (String key : List.of("reason", "reasonCode", "note", "cancelReason", "position", "total", "stopsBefore",
				"isNext", "within", "threshold", "windowFrom", "windowTo", "previousFrom", "previousTo",
				"unsubscribeUrl", "resolution", "resolutionCode")) {
			context.put(key, null);
		}
		context.put("customerName", order.customer().name());
		context.put("orderNumber", order.orderNumber());
		context.put("merchantName", merchant.name());
		context.put("items", order.lines().stream().map(NotificationPlanner::item).toList());
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
			context.put("failedItems", lines.stream().map(NotificationPlanner::item).toList());
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

	/** The notification as webhook data; {@link WebhookEvents} wraps it into the signed body. */
	private String webhookPayload(UUID id, NotificationKind kind, Fact fact, Order order,
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
		data.put("trackingUrl", context.get("trackingUrl"));
		if (context.get("reasonCode") != null) {
			data.put("reason", context.get("reasonCode"));
			data.put("reasonText", context.get("reason"));
			data.put("note", context.get("note"));
			if (fact.stockingFailure != null) {
				data.put("failedItems", context.get("failedItems"));
			}
		}
		for (String key : List.of("position", "total", "stopsBefore", "threshold")) {
			if (context.get(key) != null) {
				data.put(key, context.get(key));
			}
		}
		if (fact.window != null && fact.window[0] != null) {
			data.put("windowEarliest", fact.window[0].toString());
			data.put("windowLatest", fact.window[1].toString());
		}
		return webhookEvents.payload(id, order.merchantId(), kind, fact.occurredAt, data);
	}

	private static Map<String, Object> item(OrderLine line) {
		return Map.of("line", line.line(), "sku", line.sku(), "name", line.name(), "quantity", line.quantity());
	}

	/** What happened to one order, as the templates and the policy need it. */
	private static final class Fact {

		final UUID orderId;

		final OrderChange change;

		final String dedupKey;

		final Instant occurredAt;

		final Map<String, Object> values = new HashMap<>();

		Order.StockingFailed stockingFailure;

		Order.DeliveryFailed deliveryFailure;

		Instant[] window;

		Instant[] previous;

		Resolution resolution;

		/** What can make a message of this kind urgent: the threshold of "N stops away". */
		String variant;

		Fact(UUID orderId, OrderChange change, String dedupKey, Instant occurredAt) {
			this.orderId = orderId;
			this.change = change;
			this.dedupKey = dedupKey;
			this.occurredAt = occurredAt;
		}

		void window(Instant earliest, Instant latest) {
			this.window = new Instant[] { earliest, latest };
		}

	}

}
