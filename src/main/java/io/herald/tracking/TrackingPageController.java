package io.herald.tracking;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.herald.live.LiveFeed;
import io.herald.merchant.Merchants;
import io.herald.order.Order;
import io.herald.order.OrderLine;
import io.herald.order.OrderState;
import io.herald.order.Orders;
import io.herald.order.Resolution;
import io.herald.order.StoredOrderEvent;
import io.herald.order.TrackingTokens;
import io.herald.platform.InvalidRequestException;
import io.herald.routing.DeliveryPosition;
import io.herald.routing.Routes;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The customer's tracking page, opened by the token in their messages: one order and nothing else, without logging
 * in. It shows only what the customer needs (first name, masked phone, no other customer's data), in the customer's
 * language unless they switch, and follows the order's live stream: on each event the page fetches its main part
 * again, rendered here, so the page and its updates can never disagree.
 */
@Hidden
@Controller
class TrackingPageController {

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	private final TrackingTokens tokens;

	private final Orders orders;

	private final Merchants merchants;

	private final Routes routes;

	private final LiveFeed live;

	private final MessageSource messages;

	private final TrackingSettings settings;

	private final Clock clock;

	TrackingPageController(TrackingTokens tokens, Orders orders, Merchants merchants, Routes routes, LiveFeed live,
			MessageSource messages, TrackingSettings settings, Clock clock) {
		this.tokens = tokens;
		this.orders = orders;
		this.merchants = merchants;
		this.routes = routes;
		this.live = live;
		this.messages = messages;
		this.settings = settings;
		this.clock = clock;
	}

	@GetMapping(path = "/track/{token}", produces = MediaType.TEXT_HTML_VALUE)
	String page(@PathVariable String token, @RequestParam(required = false) String lang, Model model,
			HttpServletResponse response) {
		return render(token, lang, model, response, "tracking/page");
	}

	/** The part of the page that changes, for the page's own live updates. */
	@GetMapping(path = "/track/{token}/main", produces = MediaType.TEXT_HTML_VALUE)
	String main(@PathVariable String token, @RequestParam(required = false) String lang, Model model,
			HttpServletResponse response) {
		return render(token, lang, model, response, "tracking/page :: main");
	}

	/**
	 * The customer's choice after their goods could not be prepared: a plain form POST (the page works without
	 * JavaScript), answered with a redirect back to the page, which then shows the choice as confirmed. The token in
	 * the path is the authorization; there is no session, so there is nothing for a forged request to ride on.
	 */
	@PostMapping(path = "/track/{token}/resolution")
	String resolve(@PathVariable String token, @RequestParam String choice,
			@RequestParam(required = false) String lang) {
		Order order = open(token);
		if (expired(order)) {
			throw new ResponseStatusException(HttpStatus.GONE, "This tracking link has expired");
		}
		Resolution resolution;
		try {
			resolution = Resolution.valueOf(choice);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("choice", "must be one of WAIT_FOR_RESTOCK, DELIVER_REST, CANCEL");
		}
		orders.chooseResolution(order.id(), resolution);
		return "redirect:/track/" + token
				+ (lang == null || lang.isBlank() ? "" : "?lang=" + locale(lang, "en").toLanguageTag());
	}

	@GetMapping(path = "/track/{token}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter live(@PathVariable String token,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		Order order = open(token);
		if (expired(order)) {
			throw new ResponseStatusException(HttpStatus.GONE, "This tracking link has expired");
		}
		return live.order(order.id(), lastEventId);
	}

	private String render(String token, String lang, Model model, HttpServletResponse response, String view) {
		Order order;
		try {
			order = open(token);
		}
		catch (ResponseStatusException e) {
			return problem(response, model, lang, HttpStatus.NOT_FOUND, "notfound");
		}
		Locale locale = locale(lang, order.customer().locale());
		List<StoredOrderEvent> story = orders.storyOf(order.id());
		if (expired(order, story)) {
			return problem(response, model, locale.toLanguageTag(), HttpStatus.GONE, "expired");
		}
		ZoneId zone = ZoneId.of(order.customer().timeZone());
		DeliveryPosition position = routes.positionOf(order.id());
		model.addAttribute("lang", locale.toLanguageTag());
		model.addAttribute("otherLang", locale.getLanguage().equals("zh") ? "en" : "zh-CN");
		model.addAttribute("token", token);
		model.addAttribute("t", new Texts(messages, locale));
		model.addAttribute("orderNumber", order.orderNumber());
		model.addAttribute("merchantName", merchants.get(order.merchantId()).name());
		model.addAttribute("firstName", order.customer().firstName());
		model.addAttribute("maskedPhone", mask(order.customer().phone()));
		model.addAttribute("state", order.state().name());
		model.addAttribute("position", positionText(position, locale));
		model.addAttribute("stopsBefore", position.stopsBefore());
		model.addAttribute("window", position.windowEarliest() == null ? null
				: text(locale, "track.window", CLOCK.format(position.windowEarliest().atZone(zone)),
						CLOCK.format(position.windowLatest().atZone(zone))));
		List<Entry> timeline = timeline(order, story, locale, zone);
		model.addAttribute("timeline", timeline);
		// after a failure, why it failed stands next to the status, not only down in the story
		String failure = switch (order.state()) {
			case STOCKING_FAILED -> "stocking_failed";
			case DELIVERY_FAILED -> "delivery_failed";
			default -> null;
		};
		model.addAttribute("why", failure == null ? null
				: timeline.stream().filter(e -> e.type().equals(failure)).findFirst().orElse(null));
		model.addAttribute("resolution", order.resolution() == null ? null : order.resolution().name());
		model.addAttribute("resolutionText", order.resolution() == null ? null
				: text(locale, "track.resolution.chosen", text(locale, "resolution." + order.resolution().name())));
		model.addAttribute("choices", order.state() == OrderState.STOCKING_FAILED && order.resolution() == null
				? (order.canDeliverRest() ? List.of("WAIT_FOR_RESTOCK", "DELIVER_REST", "CANCEL") : List.of("WAIT_FOR_RESTOCK", "CANCEL"))
				: List.of());
		model.addAttribute("map", TrackingMap.of(order.destination().lat(), order.destination().lon(),
				position.courierLat(), position.courierLon(), settings.tileUrl()));
		return view;
	}

	private Order open(String token) {
		UUID orderId = tokens.orderFor(token)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such tracking link"));
		return orders.find(orderId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such tracking link"));
	}

	/** A delivered or cancelled order's link works for the configured time after that, then no more. */
	private boolean expired(Order order) {
		return closed(order) && expired(order, orders.storyOf(order.id()));
	}

	/** {@link #expired(Order)} with the order's story already at hand. */
	private boolean expired(Order order, List<StoredOrderEvent> story) {
		if (!closed(order)) {
			return false;
		}
		Instant ended = story.isEmpty() ? order.placedAt() : story.get(story.size() - 1).occurredAt();
		return ended.plus(settings.expireAfter()).isBefore(clock.instant());
	}

	private static boolean closed(Order order) {
		return order.state() == OrderState.DELIVERED || order.state() == OrderState.CANCELLED;
	}

	private String problem(HttpServletResponse response, Model model, String lang, HttpStatus status, String kind) {
		Locale locale = locale(lang, "en");
		response.setStatus(status.value());
		model.addAttribute("lang", locale.toLanguageTag());
		model.addAttribute("title", text(locale, "track." + kind + ".title"));
		model.addAttribute("text", text(locale, "track." + kind + ".text"));
		return "tracking/problem";
	}

	/** The story, newest first, as the customer reads it. */
	private List<Entry> timeline(Order order, List<StoredOrderEvent> story, Locale locale, ZoneId zone) {
		List<Entry> entries = new ArrayList<>();
		for (StoredOrderEvent event : story) {
			String detail = null;
			String label;
			switch (event.type()) {
				case "order.stocking_failed" -> {
					label = text(locale, "track.event.order.stocking_failed",
							text(locale, "reason." + event.data().path("reason").asString()));
					List<String> missing = new ArrayList<>();
					event.data().path("failedLines").forEach(line -> order.lines().stream()
						.filter(l -> l.line() == line.asInt())
						.map(OrderLine::name)
						.forEach(missing::add));
					detail = missing.isEmpty() ? null : text(locale, "track.missing", String.join(", ", missing));
				}
				case "order.resolution_chosen" -> label = text(locale, "track.resolution.chosen",
						text(locale, "resolution." + event.data().path("resolution").asString()));
				case "order.delivery_failed" -> label = text(locale, "track.event.order.delivery_failed",
						text(locale, "delivery." + event.data().path("reason").asString()));
				default -> label = text(locale, "track.event." + event.type());
			}
			entries.add(0, new Entry(event.type().replace("order.", ""), label, detail,
					DAY_CLOCK.format(event.occurredAt().atZone(zone))));
		}
		return entries;
	}

	private String positionText(DeliveryPosition position, Locale locale) {
		if (position.stopsBefore() == null) {
			return null;
		}
		return position.stopsBefore() == 0
				? text(locale, "track.position.next", position.position(), position.total())
				: text(locale, "track.position", position.position(), position.total(), position.stopsBefore());
	}

	private String text(Locale locale, String key, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	private static Locale locale(String lang, String customerLocale) {
		String tag = lang != null && !lang.isBlank() ? lang : customerLocale;
		return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
	}

	/** +8613800138000 -> +86 138 **** 8000: enough to recognise one's own number, not to call it. */
	static String mask(String phone) {
		if (phone == null || phone.length() < 8) {
			return null;
		}
		String digits = phone.startsWith("+") ? phone.substring(1) : phone;
		return (phone.startsWith("+") ? "+" : "") + digits.substring(0, Math.min(5, digits.length() - 4))
				+ "****" + digits.substring(digits.length() - 4);
	}

	/** One line of the story. */
	record Entry(String type, String label, String detail, String at) {
	}

	/** The page's fixed texts in the page's language, for {@code ${t.get('key')}}. */
	record Texts(MessageSource messages, Locale locale) {

		public String get(String key, Object... args) {
			return messages.getMessage(key, args, key, locale);
		}

	}

}
