package io.herald.notification.template;

import java.util.HashMap;
import java.util.Map;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Renders any message template against a sample order, to check an override before customers see it. */
@Tag(name = "Templates", description = "Preview of message templates per kind, channel and locale")
@RestController
class TemplateController {

	private final NotificationTemplates templates;

	TemplateController(NotificationTemplates templates) {
		this.templates = templates;
	}

	/**
	 * @param locale the locale asked for; the one actually used (after fallback) is in the answer
	 * @param source where the template came from: built in, or the override directory
	 */
	record Preview(NotificationKind kind, ChannelType channel, String locale, String subject, String body,
			String html, String source) {
	}

	@Operation(summary = "Render a template against a sample order")
	@GetMapping("/api/v1/templates/{kind}/preview")
	@Allowed({ Role.ADMIN, Role.MERCHANT })
	Preview preview(@AuthenticationPrincipal Caller caller, @PathVariable NotificationKind kind,
			@RequestParam(defaultValue = "EMAIL") ChannelType channel, @RequestParam(defaultValue = "en") String locale) {
		Map<String, Object> sample = new HashMap<>(templates.sample(locale));
		var rendered = templates.render(kind, channel, locale, sample);
		return new Preview(kind, channel, rendered.locale(), rendered.subject(), rendered.body(), rendered.html(),
				templates.source(kind, channel, locale));
	}

}
