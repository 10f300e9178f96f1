package io.herald.notification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.herald.notification.policy.NotificationKind;
import io.herald.notification.template.NotificationTemplates;
import io.herald.order.DeliveryFailureReason;
import io.herald.order.stocking.StockingFailureReason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMS texts ({@code notifications/templates/sms/<kind>.<locale>.mustache}, the whole file is the text): every
 * kind in English and Chinese, renderable with the planner's variables in every variant the planner produces, and
 * short enough for one SMS segment (160 GSM characters, 70 UCS-2 characters for Chinese) with a typical merchant
 * name and order number and the longest reason.
 */
class SmsTemplatesTests {

	static final List<String> LOCALES = List.of("en", "zh-CN");

	/** A tracking link as Herald makes them: the text must fit one segment without it; the link may take a second. */
	static final String LINK = "https://herald.example/track/0123456789abcdefghijklmnopqrstuv";

	/** The compiler settings of {@link NotificationTemplates}: strict about missing variables. */
	final Mustache.Compiler compiler = Mustache.compiler().nullValue("").escapeHTML(false).zeroIsFalse(true);

	final NotificationTemplates labels;

	SmsTemplatesTests() throws IOException {
		labels = new NotificationTemplates(NotificationSettingsFixture.defaults());
	}

	Template template(NotificationKind kind, String locale) throws IOException {
		String name = "notifications/templates/sms/" + kind.name().toLowerCase(Locale.ROOT) + "." + locale
				+ ".mustache";
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(text).as(name).doesNotContain("\n---\n");
			return compiler.compile(text);
		}
	}

	/** Every variable the planner puts into a context, unset. */
	static Map<String, Object> base() {
		Map<String, Object> context = new HashMap<>();
		for (String key : List.of("reason", "reasonCode", "note", "cancelReason", "position", "total", "stopsBefore",
				"isNext", "within", "threshold", "windowFrom", "windowTo", "previousFrom", "previousTo",
				"unsubscribeUrl", "resolution", "resolutionCode")) {
			context.put(key, null);
		}
		context.put("customerName", "Li Wei");
		context.put("orderNumber", "A-100123");
		context.put("merchantName", "Acme Tea");
		context.put("items", List.of(Map.of("line", 1, "sku", "TEA-1", "name", "Green tea", "quantity", 2)));
		context.put("failedItems", List.of());
		context.put("allItems", true);
		context.put("trackingUrl", LINK);
		return context;
	}

	static Map<String, Object> with(Object... pairs) {
		Map<String, Object> context = base();
		for (int i = 0; i < pairs.length; i += 2) {
			context.put((String) pairs[i], pairs[i + 1]);
		}
		return context;
	}

	/** The contexts the planner can produce for one kind, with every reason. */
	List<Map<String, Object>> variants(NotificationKind kind, String locale) {
		List<Map<String, Object>> variants = new ArrayList<>();
		switch (kind) {
			case STOCKING_FAILED -> {
				for (StockingFailureReason reason : StockingFailureReason.values()) {
					for (boolean all : new boolean[] { true, false }) {
						variants.add(with("reason", labels.reasonLabel(reason.name(), locale), "allItems", all));
					}
				}
			}
			case DELIVERY_FAILED -> {
				for (DeliveryFailureReason reason : DeliveryFailureReason.values()) {
					variants.add(with("reason", labels.deliveryReasonLabel(reason.name(), locale)));
				}
			}
			case RESOLUTION_CONFIRMED -> {
				for (String choice : List.of("WAIT_FOR_RESTOCK", "DELIVER_REST")) {
					variants.add(with("resolution", labels.label("resolution." + choice, locale), "resolutionCode", choice));
				}
			}
			case CANCELLED -> {
				variants.add(base());
				variants.add(with("cancelReason", "out of stock"));
			}
			case OUT_FOR_DELIVERY -> {
				variants.add(with("position", 4, "total", 12, "stopsBefore", 3));
				variants.add(with("position", 12, "total", 12, "stopsBefore", 11, "windowFrom", "14:10", "windowTo",
						"14:40"));
			}
			case STOPS_AWAY -> {
				Object[] window = { "windowFrom", "14:10", "windowTo", "14:40" };
				variants.add(with("stopsBefore", 2, "isNext", false, "within", false, "threshold", 3));
				variants.add(with(concat(window, "stopsBefore", 0, "isNext", true, "within", false, "threshold", 1)));
				variants.add(with(concat(window, "stopsBefore", 1, "isNext", false, "within", true, "threshold", 3)));
			}
			case ETA_CHANGED -> {
				variants.add(with("windowFrom", "14:10", "windowTo", "14:40"));
				variants.add(with("windowFrom", "14:10", "windowTo", "14:40", "previousFrom", "13:50", "previousTo",
						"14:20"));
			}
			default -> variants.add(base());
		}
		return variants;
	}

	static Object[] concat(Object[] first, Object... rest) {
		Object[] all = new Object[first.length + rest.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(rest, 0, all, first.length, rest.length);
		return all;
	}

	@Test
	void everyKindHasAShortTextInEnglishAndChinese() throws IOException {
		for (NotificationKind kind : NotificationKind.values()) {
			for (String locale : LOCALES) {
				Template template = template(kind, locale);
				int limit = locale.equals("en") ? 160 : 70;
				for (Map<String, Object> context : variants(kind, locale)) {
					String withLink = template.execute(context).strip();
					assertThat(withLink).as(kind + "/" + locale).endsWith(" " + LINK);
					String text = withLink.substring(0, withLink.length() - LINK.length() - 1);
					assertThat(text).as(kind + "/" + locale)
						.contains("A-100123")
						.contains("Acme Tea")
						.doesNotContain("\n");
					assertThat(text.length()).as(kind + "/" + locale + ": " + text).isLessThanOrEqualTo(limit);
				}
			}
		}
	}

	@Test
	void stopsAwaySaysWhichOfItsThreeCasesApplies() throws IOException {
		Template en = template(NotificationKind.STOPS_AWAY, "en");

		assertThat(en.execute(with("stopsBefore", 2, "isNext", false, "within", false, "threshold", 3)).strip())
			.isEqualTo("Acme Tea: the courier with order A-100123 is 2 stop(s) away. " + LINK);
		assertThat(en.execute(with("stopsBefore", 1, "isNext", false, "within", true, "threshold", 3, "windowFrom",
				"14:10", "windowTo", "14:40")).strip())
			.isEqualTo("Acme Tea: the courier with order A-100123 is within 3 stops of you, expected 14:10-14:40. "
					+ LINK);
		assertThat(template(NotificationKind.STOPS_AWAY, "zh-CN")
			.execute(with("stopsBefore", 0, "isNext", true, "within", false, "threshold", 1))
			.strip()).isEqualTo("【Acme Tea】下一站就是您，快递员正携带订单 A-100123 前往。 " + LINK);
	}

}
