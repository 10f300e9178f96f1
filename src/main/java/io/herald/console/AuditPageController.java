package io.herald.console;

import java.util.List;

import io.herald.audit.AuditFilter;
import io.herald.audit.AuditLog;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit log, newest first, filtered by action and actor, a page of 50 at a time. Read only, like the API. */
@Hidden
@Controller
class AuditPageController {

	static final int PAGE_SIZE = 50;

	private final AuditLog log;

	AuditPageController(AuditLog log) {
		this.log = log;
	}

	/** One entry as listed. */
	record Row(String when, String who, String role, String action, String target, String details, String from) {
	}

	@GetMapping("/console/audit")
	String list(@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
			@RequestParam(defaultValue = "0") int page, Model model) {
		String a = blankToNull(action);
		String who = blankToNull(actor);
		int p = Math.max(0, Math.min(page, 100_000));
		AuditLog.AuditPage result = log.search(new AuditFilter(a, who, null, null), p, PAGE_SIZE);
		List<Row> rows = result.items()
			.stream()
			.map(e -> new Row(OrdersController.time(e.at()),
					e.actorName() != null ? e.actorName() : e.actorId() != null ? "key " + e.actorId() : "Herald",
					e.actorRole() == null ? "" : e.actorRole(), e.action(),
					e.targetType() + (e.targetId() == null ? "" : " " + e.targetId()), e.details().toString(),
					e.clientAddress() == null ? "" : e.clientAddress()))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("action", a);
		model.addAttribute("actor", who);
		model.addAttribute("page", p);
		model.addAttribute("pages", (int) Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
		model.addAttribute("previous", link(a, who, p - 1));
		model.addAttribute("next", link(a, who, p + 1));
		return "console/audit";
	}

	private static String link(String action, String actor, int page) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/console/audit");
		if (action != null) {
			uri.queryParam("action", action);
		}
		if (actor != null) {
			uri.queryParam("actor", actor);
		}
		return uri.queryParam("page", Math.max(0, page)).encode().toUriString();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() || value.indexOf('\0') >= 0 ? null : value.strip();
	}

}
