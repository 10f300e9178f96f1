package io.herald.notification.template;

/**
 * A message rendered for one channel: the locale it was rendered in (after falling back), its subject (email), its
 * text, and its HTML alternative (email), or null.
 */
public record Rendered(String locale, String subject, String body, String html) {

	Rendered withLocale(String locale) {
		return new Rendered(locale, subject, body, html);
	}

	Rendered withHtml(String html) {
		return new Rendered(locale, subject, body, html);
	}

}
