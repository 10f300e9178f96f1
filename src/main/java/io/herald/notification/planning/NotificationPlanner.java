package io.herald.notification.planning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.herald.merchant.Merchant;
import io.herald.merchant.Merchants;
import io.herald.notification.NotificationSettings;
import io.herald.notification.channel.Channel;
import io.herald.notification.dispatch.Dispatcher;
import io.herald.notification.outbox.Notification;
import io.herald.notification.outbox.NotificationStatus;
import io.herald.notification.outbox.Outbox;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.CustomerPreferences;
import io.herald.notification.policy.Intent;
import io.herald.notification.policy.NotificationKind;
import io.herald.notification.policy.NotificationPolicy;
import io.herald.notification.policy.Recipients;
import io.herald.notification.preference.CustomerPreferenceRepository;
import io.herald.notification.preference.UnsubscribeLinks;
import io.herald.notification.template.NotificationTemplates;
import io.herald.notification.template.Rendered;
import io.herald.notification.webhook.WebhookEvents;
import io.herald.order.Order;
import io.herald.order.Orders;
import io.herald.order.TrackingTokens;
import io.herald.platform.TransactionBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns facts into notification rows inside the transaction that changed the order (a transactional outbox):
 * {@link EventFacts} collects the facts, and just before that transaction commits they are planned together (the
 * policy decides the messages, {@link MessageContext} and the templates render them, {@link WebhookPayloads} gives
 * merchants their data) and their rows are inserted in one batch. The change, its story and its messages commit or
 * roll back together, so no accepted change can be left without its messages and no message can exist for a change
 * that did not happen; the dispatcher is woken after the commit.
 *
 * <p>
 * Measured against planning after the commit under Spring Modulith's event publication registry (one publication
 * row, one listener transaction, an order re-read and two registry updates per event): see docs/benchmarks.md, "loop".
 * The unique key of the notification row still makes a repeated event harmless.
 */
@Component
class NotificationPlanner {

	private static final Logger log = LoggerFactory.getLogger(NotificationPlanner.class);

	private final Clock clock;

	private final Orders orders;

	private final Merchants merchants;

	private final NotificationTemplates templates;

	private final Outbox outbox;

	private final Dispatcher dispatcher;

	private final NotificationPolicy policy;

	private final WebhookEvents webhookEvents;

	private final MessageContext messageContext;

	private final WebhookPayloads webhookPayloads;

	private final MessageCopies messageCopies;

	private final CustomerPreferenceRepository preferences;

	private final UnsubscribeLinks unsubscribeLinks;

	private final Duration coalesceWindow;

	private final TrackingTokens trackingTokens;

	private final String trackingBase;

	NotificationPlanner(Orders orders, Merchants merchants, NotificationTemplates templates,
			Outbox outbox, Dispatcher dispatcher, NotificationSettings settings,
			List<Channel> channels, WebhookEvents webhookEvents, CustomerPreferenceRepository preferences,
			UnsubscribeLinks unsubscribeLinks, TrackingTokens trackingTokens, MessageContext messageContext,
			WebhookPayloads webhookPayloads, MessageCopies messageCopies, Clock clock) {
		this.clock = clock;
		this.messageCopies = messageCopies;
		this.messageContext = messageContext;
		this.webhookPayloads = webhookPayloads;
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
		// a channel is used when it is both enabled by configuration and able to send here (email needs SMTP)
		var usable = EnumSet.noneOf(ChannelType.class);
		channels.stream().filter(Channel::available).map(Channel::type).filter(settings.channels()::contains)
			.forEach(usable::add);
		this.policy = new NotificationPolicy(settings.notifyAssigned(), usable, settings.customerChannels(),
				settings.urgent(), settings.maxPerOrderPerHour());
		log.info("Notification channels in use: {}; customers' default order: {}", usable, settings.customerChannels());
	}

	/** Plans the fact just before the transaction that produced it commits, with the others of that transaction. */
	void plan(Fact fact) {
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
			for (Outbox.SentMessage sent : outbox.recentCustomerMessages(byId.keySet())) {
				if (!policy.urgent(sent.kind(), variant(sent.kind(), sent.dedupKey()))) {
					recent.computeIfAbsent(sent.orderId(), k -> new HashSet<>()).add(sent.kind() + "/" + sent.dedupKey());
				}
			}
		}
		Instant now = clock.instant();
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
			// the message chosen for the customer, which the Kafka channel copies (the policy puts it first)
			Notification chosen = null;
			for (Intent intent : intents) {
				Notification notification;
				if (copy(intent)) {
					if (chosen == null) {
						log.warn("No customer message to copy to Kafka for {} of order {}", kind, order.id());
						continue;
					}
					notification = copy(intent, fact, order, chosen, now);
				}
				else {
					notification = notification(intent, fact, order, merchant, customer,
							trackingBase + tokens.get(order.id()), now);
				}
				if (intent.channel().reachesCustomer() && intent.disposition() == Intent.Disposition.SEND) {
					chosen = notification;
				}
				if (intent.kind() == NotificationKind.ETA_CHANGED && coalesced(intent)
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
	 * Whether ETA changes of this notification wait for later ones: on the customer's channels, and the copies of
	 * their messages (live, Kafka), which show what they were sent and so are coalesced the same way. Webhooks, the
	 * Kafka order event and the log get each.
	 */
	private static boolean coalesced(Intent intent) {
		return intent.channel().reachesCustomer() || intent.channel() == ChannelType.LIVE || copy(intent);
	}

	/** Whether the notification is the Kafka copy of the message the customer is sent. */
	private static boolean copy(Intent intent) {
		return intent.channel() == ChannelType.KAFKA
				&& NotificationPolicy.KAFKA_CUSTOMER_MESSAGE.equals(intent.recipient());
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
		Map<String, Object> context = messageContext.of(fact, order, merchant, locale);
		context.put("trackingUrl", trackingUrl);
		String unsubscribe = intent.channel() == ChannelType.EMAIL
				? unsubscribeLinks.url(customer.merchantId(), customer.customer(), intent.kind(), ChannelType.EMAIL)
				: null;
		context.put("unsubscribeUrl", unsubscribe);
		// the Kafka order event is the webhook's, rendered with the webhook's templates
		boolean webhookData = intent.channel() == ChannelType.WEBHOOK || intent.channel() == ChannelType.KAFKA;
		Rendered rendered = templates.render(intent.kind(), webhookData ? ChannelType.WEBHOOK : intent.channel(),
				locale, context);
		UUID id = UUID.randomUUID();
		String payload = webhookData ? webhookPayloads.of(id, intent.kind(), fact, order, rendered, context) : null;
		NotificationStatus status = switch (intent.disposition()) {
			case SEND -> NotificationStatus.PENDING;
			case STANDBY -> NotificationStatus.STANDBY;
			case SKIP -> NotificationStatus.SKIPPED;
		};
		String note = intent.disposition() == Intent.Disposition.SEND ? null : intent.reason();
		return new Notification(id, order.id(), order.merchantId(), intent.kind(), intent.dedupKey(), intent.channel(),
				intent.recipient(), rendered.locale(), rendered.subject(), rendered.body(), payload, status, 0, note,
				due(intent, now), fact.occurredAt, null, null, null, rendered.html(), unsubscribe, intent.rank());
	}

	/** The Kafka copy of {@code chosen}, the message the customer is sent: its words, due with it. */
	private Notification copy(Intent intent, Fact fact, Order order, Notification chosen, Instant now) {
		UUID id = UUID.randomUUID();
		return new Notification(id, order.id(), order.merchantId(), intent.kind(), intent.dedupKey(), intent.channel(),
				intent.recipient(), chosen.locale(), chosen.subject(), chosen.body(),
				messageCopies.of(id, chosen, fact, order), NotificationStatus.PENDING, 0, null, due(intent, now),
				fact.occurredAt, null, null, null, null, null, 0);
	}

	/** When the notification may go out: at once, after quiet hours, or after the coalescing window. */
	private Instant due(Intent intent, Instant now) {
		Instant notBefore = intent.notBefore() != null ? intent.notBefore() : now;
		if (intent.kind() == NotificationKind.ETA_CHANGED && coalesced(intent)) {
			Instant coalesced = now.plus(coalesceWindow);
			notBefore = coalesced.isAfter(notBefore) ? coalesced : notBefore;
		}
		return notBefore;
	}

}
