package io.herald.notification.preference;

import java.util.Locale;

import io.herald.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The unsubscribe link of every email, usable without logging in: the signed token names the customer and what they
 * leave. GET shows a page with one button (so that a mail scanner following links unsubscribes nobody); POST does it,
 * also as the RFC 8058 one-click request mail clients send for List-Unsubscribe-Post.
 */
@Tag(name = "Unsubscribe", description = "Signed one-click unsubscribe links from customer emails")
@RestController
class UnsubscribeController {

	private final UnsubscribeLinks links;

	private final CustomerPreferenceRepository preferences;

	UnsubscribeController(UnsubscribeLinks links, CustomerPreferenceRepository preferences) {
		this.links = links;
		this.preferences = preferences;
	}

	@Operation(summary = "The confirmation page of an unsubscribe link")
	@GetMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> confirm(@RequestParam String token) {
		var scope = verify(token);
		return page("Unsubscribe", "<p>Stop " + describe(scope.optOut()) + " for "
				+ HtmlUtils.htmlEscape(scope.customer()) + "?</p><form method=\"post\" action=\"/unsubscribe?token="
				+ HtmlUtils.htmlEscape(token) + "\"><button type=\"submit\">Unsubscribe</button></form>");
	}

	@Operation(summary = "Unsubscribe (one click, RFC 8058)")
	@PostMapping(path = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> unsubscribe(@RequestParam String token) {
		var scope = verify(token);
		preferences.addOptOut(new CustomerPreferenceRepository.Key(scope.merchantId(), scope.customer()),
				scope.optOut());
		return page("Unsubscribed", "<p>Done: no more " + describe(scope.optOut()) + ".</p>");
	}

	private UnsubscribeLinks.Scope verify(String token) {
		return links.verify(token)
			.orElseThrow(() -> new InvalidRequestException("token", "This unsubscribe link is not valid"));
	}

	private static String describe(String optOut) {
		String[] parts = optOut.split(":");
		String channel = parts[1].equals("*") ? "messages" : parts[1].equals("SMS") ? "text messages" : "emails";
		return parts[0].equals("*") ? channel
				: channel + " about \"" + parts[0].toLowerCase(Locale.ROOT).replace('_', ' ') + "\"";
	}

	private static ResponseEntity<String> page(String title, String body) {
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.header("Content-Security-Policy", "default-src 'none'; form-action 'self'")
			.body("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
					+ "content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head><body><h1>"
					+ title + "</h1>" + body + "</body></html>");
	}

}
