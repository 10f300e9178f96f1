package io.herald.notification.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.herald.notification.NotificationSettings;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
/**
 * Message templates per kind, locale and channel, under {@code notifications/templates}:
 * <ul>
 * <li>{@code <kind>.<locale>.mustache}: a subject line, a {@code ---} line, then the plain-text body; used by every
 * channel without its own template;</li>
 * <li>{@code <channel>/<kind>.<locale>.mustache}: a channel's own text, e.g. {@code sms/} (the whole file is the
 * text, no subject), {@code email/} or {@code live/} (subject and body as above; the live copy shown on the order's
 * stream leaves out the customer's name and the tracking link, since the order's station and merchant follow that
 * stream too);</li>
 * <li>{@code email/<kind>.<locale>.html.mustache}: an email's HTML body; without one, the HTML is the plain body
 * set in {@code email/layout.<locale>.html.mustache}.</li>
 * </ul>
 * A directory configured as {@code herald.notifications.templates.override-dir} with the same layout replaces any of
 * them without rebuilding. JMustache was chosen over Thymeleaf text mode because it is small and fails on a missing
 * variable instead of rendering a blank; every template is rendered against a sample order at startup, so such a
 * mistake, or a kind without both {@code en} and {@code zh-CN}, stops the application rather than reaching a
 * customer. A locale without a template falls back to its language, then to {@code en}.
 */
@Component
public class NotificationTemplates {

	private static final Logger log = LoggerFactory.getLogger(NotificationTemplates.class);

	static final String FALLBACK = "en";

	/** Every kind ships in these. */
	static final List<String> REQUIRED_LOCALES = List.of("en", "zh-CN");

	private static final String GENERIC = "";

	private static final String HTML = "email-html";

	/** channel ("" generic, "sms", "email", "live", "email-html") / kind or "layout" -> locale -> template */
	private final Map<String, Map<String, Template>> templates = new TreeMap<>();

	/** Where each template came from, for error messages and the preview. */
	private final Map<String, String> sources = new HashMap<>();

	private final ResourceBundleMessageSource labels = new ResourceBundleMessageSource();

	// zeroIsFalse: "{{#stopsBefore}}" hides a clause when no stop is before the customer's. nullValue only applies
	// to a variable that is present and null: a variable missing from the context is still an error.
	private final Mustache.Compiler text = Mustache.compiler().nullValue("").escapeHTML(false).zeroIsFalse(true);

	private final Mustache.Compiler html = Mustache.compiler().nullValue("").escapeHTML(true).zeroIsFalse(true);

	public NotificationTemplates(NotificationSettings settings) throws IOException {
		labels.setBasename("notifications/labels");
		labels.setDefaultEncoding("UTF-8");
		labels.setFallbackToSystemLocale(false);
		var resolver = new PathMatchingResourcePatternResolver();
		for (Resource resource : resolver.getResources("classpath*:notifications/templates/**/*.mustache")) {
			String path = resource.getURL().toString();
			String relative = path.substring(path.lastIndexOf("notifications/templates/") + 24);
			try (InputStream in = resource.getInputStream()) {
				add(relative, new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + relative);
			}
		}
		Path overrides = settings.templates().overrideDir();
		if (overrides != null) {
			if (!Files.isDirectory(overrides)) {
				throw new IllegalStateException("Template override directory " + overrides + " does not exist");
			}
			try (Stream<Path> files = Files.walk(overrides)) {
				for (Path file : files.filter(f -> f.toString().endsWith(".mustache")).sorted().toList()) {
					String relative = overrides.relativize(file).toString().replace('\\', '/');
					add(relative, Files.readString(file), file.toString());
					log.info("Template {} overridden by {}", relative, file);
				}
			}
		}
		validate();
	}

	private void add(String relative, String source, String origin) {
		String[] folders = relative.split("/");
		String channel = folders.length > 1 ? folders[0] : GENERIC;
		String[] parts = folders[folders.length - 1].split("\\.");
		if (parts.length == 4 && parts[2].equals("html") && channel.equals("email")) {
			channel = HTML;
		}
		else if (parts.length != 3 || folders.length > 2) {
			throw new IllegalStateException("Template " + origin + " is not named <kind>.<locale>.mustache, "
					+ "<channel>/<kind>.<locale>.mustache or email/<kind>.<locale>.html.mustache");
		}
		String name = parts[0];
		if (!name.equals("layout")) {
			try {
				NotificationKind.valueOf(name.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalStateException("Template " + origin + " names no notification kind: " + name);
			}
		}
		else if (!channel.equals(HTML)) {
			throw new IllegalStateException("Only email has a layout: " + origin);
		}
		if (!channel.equals(GENERIC) && !channel.equals(HTML)) {
			try {
				ChannelType.valueOf(channel.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				throw new IllegalStateException("Template " + origin + " is in no channel's folder: " + channel);
			}
		}
		String key = channel + "/" + name;
		try {
			Template template = (channel.equals(HTML) ? html : text).compile(source);
			templates.computeIfAbsent(key, k -> new HashMap<>()).put(parts[1], template);
			sources.put(key + "/" + parts[1], origin);
		}
		catch (MustacheException e) {
			throw new IllegalStateException("Template " + origin + " does not compile: " + e.getMessage(), e);
		}
	}

	/** Every kind has en and zh-CN for the generic text and in every channel folder used; each renders a sample. */
	private void validate() {
		List<String> channels = new ArrayList<>();
		templates.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().forEach(channels::add);
		if (!channels.contains(GENERIC)) {
			channels.add(GENERIC);
		}
		for (String channel : channels) {
			if (channel.equals(HTML)) {
				for (String locale : REQUIRED_LOCALES) {
					if (!templates.getOrDefault(HTML + "/layout", Map.of()).containsKey(locale)) {
						throw new IllegalStateException("No email layout for locale " + locale);
					}
				}
				continue;
			}
			for (NotificationKind kind : NotificationKind.values()) {
				for (String locale : REQUIRED_LOCALES) {
					if (!templates.getOrDefault(channel + "/" + name(kind), Map.of()).containsKey(locale)) {
						throw new IllegalStateException("No '" + locale + "' template for notification kind " + kind
								+ (channel.isEmpty() ? "" : " in " + channel + "/"));
					}
				}
			}
		}
		templates.forEach((key, byLocale) -> byLocale.forEach((locale, template) -> {
			String channel = key.substring(0, key.indexOf('/'));
			try {
				Map<String, Object> sample = sample(locale);
				if (channel.equals(HTML)) {
					sample.put("subject", "Sample subject");
					sample.put("bodyHtml", "<p>Sample body</p>");
				}
				String out = template.execute(sample);
				if (!channel.equals("sms") && !channel.equals(HTML)) {
					split(out);
				}
			}
			catch (MustacheException | IllegalStateException e) {
				throw new IllegalStateException(
						"Template " + sources.get(key + "/" + locale) + " is broken: " + e.getMessage(), e);
			}
		}));
		// rendering an email needs nothing more: its text template and its HTML (own or the built-in layout) each
		// rendered a sample above
	}

	/**
	 * Renders one message for one channel: the channel's own template if it has one, else the generic one; email
	 * also gets its HTML body.
	 */
	public Rendered render(NotificationKind kind, ChannelType channel, String localeTag, Map<String, Object> context) {
		String folder = folder(channel);
		String key = key(kind, channel);
		String locale = resolve(templates.get(key), localeTag);
		Map<String, Object> values = new HashMap<>(context);
		String out = templates.get(key).get(locale).execute(values);
		Rendered rendered = folder.equals("sms") && !key.startsWith("/") ? new Rendered(locale, null, out.strip(), null)
				: split(out).withLocale(locale);
		if (channel == ChannelType.EMAIL) {
			// an email's own HTML template, else the layout around the plain body; both may use subject and bodyHtml
			Map<String, Template> own = templates.get(HTML + "/" + name(kind));
			Map<String, Template> chosen = own != null && own.containsKey(resolve(own, localeTag)) ? own
					: templates.get(HTML + "/layout");
			values.put("subject", rendered.subject());
			values.put("bodyHtml", paragraphs(rendered.body()));
			rendered = rendered.withHtml(chosen.get(resolve(chosen, localeTag)).execute(values));
		}
		return rendered;
	}

	/** The localized label of a reason code, e.g. OUT_OF_STOCK. */
	public String reasonLabel(String reasonCode, String localeTag) {
		return labels.getMessage("reason." + reasonCode, null, reasonCode, Locale.forLanguageTag(localeTag));
	}

	/** Any localized label of {@code notifications/labels}, e.g. resolution.DELIVER_REST. */
	public String label(String key, String localeTag) {
		return labels.getMessage(key, null, key, Locale.forLanguageTag(localeTag));
	}

	/** The localized label of a delivery failure reason, e.g. CUSTOMER_ABSENT. */
	public String deliveryReasonLabel(String reasonCode, String localeTag) {
		return labels.getMessage("delivery." + reasonCode, null, reasonCode, Locale.forLanguageTag(localeTag));
	}

	/** Where the template that renders this kind on this channel in this locale comes from. */
	public String source(NotificationKind kind, ChannelType channel, String localeTag) {
		String key = key(kind, channel);
		return sources.get(key + "/" + resolve(templates.get(key), localeTag));
	}

	/** The templates of this kind on this channel: the channel folder's own if it has them, else the generic ones. */
	private String key(NotificationKind kind, ChannelType channel) {
		String own = folder(channel) + "/" + name(kind);
		return templates.containsKey(own) ? own : GENERIC + "/" + name(kind);
	}

	private static String folder(ChannelType channel) {
		return channel.name().toLowerCase(Locale.ROOT);
	}

	private static String resolve(Map<String, Template> byLocale, String localeTag) {
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

	private static String name(NotificationKind kind) {
		return kind.name().toLowerCase(Locale.ROOT);
	}

	/** The plain body as HTML paragraphs, escaped. */
	private static String paragraphs(String body) {
		StringBuilder out = new StringBuilder();
		for (String paragraph : body.strip().split("\\n\\s*\\n")) {
			out.append("<p>").append(HtmlUtils.htmlEscape(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
		}
		return out.toString();
	}

	private static Rendered split(String text) {
		int separator = text.indexOf("\n---\n");
		if (separator < 0) {
			throw new IllegalStateException("a template starts with a subject line followed by a '---' line");
		}
		return new Rendered(null, text.substring(0, separator).trim(), text.substring(separator + 5).strip() + "\n",
				null);
	}

	/** A sample order's values: what the startup check and the preview render against. */
	public Map<String, Object> sample(String locale) {
		return SampleOrder.values(this, locale);
	}

}
