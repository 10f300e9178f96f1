package io.herald.notification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.herald.notification.policy.NotificationKind;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Message templates per kind and locale ({@code notifications/templates/<kind>.<locale>.mustache}: a subject line,
 * a {@code ---} line, then the body). JMustache was chosen over Thymeleaf text mode because it is small and, in its
 * strict default, fails on a missing variable instead of rendering a blank; every template is rendered against a
 * sample at startup, so such a mistake stops the application rather than reaching a customer. A locale without a
 * template falls back to its language, then to {@code en}.
 */
@Component
class NotificationTemplates {

	static final String FALLBACK = "en";

	private final Map<NotificationKind, Map<String, Template>> templates = new EnumMap<>(NotificationKind.class);

	private final ResourceBundleMessageSource labels = new ResourceBundleMessageSource();

	NotificationTemplates() throws IOException {
		labels.setBasename("notifications/labels");
		labels.setDefaultEncoding("UTF-8");
		labels.setFallbackToSystemLocale(false);
		// zeroIsFalse: "{{#stopsBefore}}" hides a clause when no stop is before the customer's
		var compiler = Mustache.compiler().nullValue("").escapeHTML(false).zeroIsFalse(true);
		var resolver = new PathMatchingResourcePatternResolver();
		for (Resource resource : resolver.getResources("classpath*:notifications/templates/*.mustache")) {
			String[] parts = resource.getFilename().split("\\.");
			NotificationKind kind = NotificationKind.valueOf(parts[0].toUpperCase(Locale.ROOT));
			try (InputStream in = resource.getInputStream()) {
				templates.computeIfAbsent(kind, k -> new HashMap<>())
					.put(parts[1], compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			}
		}
		for (NotificationKind kind : NotificationKind.values()) {
			if (!templates.getOrDefault(kind, Map.of()).containsKey(FALLBACK)) {
				throw new IllegalStateException("No '" + FALLBACK + "' template for notification kind " + kind);
			}
			templates.get(kind).forEach((locale, template) -> {
				try {
					split(template.execute(sample(locale)));
				}
				catch (MustacheException | IllegalStateException e) {
					throw new IllegalStateException("Template " + kind + "/" + locale + " is broken: " + e.getMessage(), e);
				}
			});
		}
	}

	Rendered render(NotificationKind kind, String localeTag, Map<String, Object> context) {
		String locale = resolve(kind, localeTag);
		Map<String, Object> values = new HashMap<>(context);
		return split(templates.get(kind).get(locale).execute(values)).withLocale(locale);
	}

	/** The localized label of a reason code, e.g. OUT_OF_STOCK. */
	String reasonLabel(String reasonCode, String localeTag) {
		return labels.getMessage("reason." + reasonCode, null, reasonCode, Locale.forLanguageTag(localeTag));
	}

	/** The localized label of a delivery failure reason, e.g. CUSTOMER_ABSENT. */
	String deliveryReasonLabel(String reasonCode, String localeTag) {
		return labels.getMessage("delivery." + reasonCode, null, reasonCode, Locale.forLanguageTag(localeTag));
	}

	String resolve(NotificationKind kind, String localeTag) {
		Map<String, Template> byLocale = templates.get(kind);
		if (localeTag != null) {
			if (byLocale.containsKey(localeTag)) {
				return localeTag;
			}
			String language = Locale.forLanguageTag(localeTag).getLanguage();
			for (String candidate : byLocale.keySet()) {
				if (Locale.forLanguageTag(candidate).getLanguage().equals(language)) {
					return candidate;
				}
			}
		}
		return FALLBACK;
	}

	private static Rendered split(String text) {
		int separator = text.indexOf("\n---\n");
		if (separator < 0) {
			throw new IllegalStateException("a template starts with a subject line followed by a '---' line");
		}
		return new Rendered(null, text.substring(0, separator).trim(), text.substring(separator + 5).strip() + "\n");
	}

	private Map<String, Object> sample(String locale) {
		var item = Map.of("sku", "SKU-1", "name", "Sample", "quantity", 1);
		Map<String, Object> sample = new HashMap<>();
		sample.put("customerName", "Sample");
		sample.put("orderNumber", "SAMPLE-1");
		sample.put("merchantName", "Sample shop");
		sample.put("items", List.of(item));
		sample.put("failedItems", List.of(item));
		sample.put("allItems", false);
		sample.put("reason", reasonLabel("OUT_OF_STOCK", locale));
		sample.put("note", "note");
		sample.put("cancelReason", "reason");
		sample.put("position", 4);
		sample.put("total", 12);
		sample.put("stopsBefore", 2);
		sample.put("isNext", false);
		sample.put("windowFrom", "14:10");
		sample.put("windowTo", "14:40");
		sample.put("previousFrom", "13:50");
		sample.put("previousTo", "14:20");
		return sample;
	}

	record Rendered(String locale, String subject, String body) {

		Rendered withLocale(String locale) {
			return new Rendered(locale, subject, body);
		}

	}

}
