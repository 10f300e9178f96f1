package io.herald.audit;

import java.time.Instant;

import io.herald.access.Allowed;
import io.herald.access.Role;
import io.herald.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for operators: read only; there is no operation that changes or removes an entry. */
@Tag(name = "Audit", description = "Who changed what, when and from where (operator)")
@RestController
@Allowed(Role.ADMIN)
class AuditController {

	static final int MAX_PAGE_SIZE = 500;

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@Operation(summary = "List audit log entries, newest first (operator)",
			description = "Filter by action (exact, or a family ending in a dot such as 'key.'), actor (key or account id, "
					+ "or account name) and time [from, to).")
	@GetMapping("/api/v1/audit")
	AuditLog.AuditPage list(@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0) {
			throw new InvalidRequestException("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidRequestException("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		checkTime("from", from);
		checkTime("to", to);
		checkText("action", action);
		checkText("actor", actor);
		return log.search(new AuditFilter(action, actor, from, to), page, size);
	}

	/** PostgreSQL's timestamps end long before Instant's: refuse what it cannot compare, rather than fail with 500. */
	private static void checkTime(String field, Instant value) {
		if (value != null && (value.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
				|| value.isAfter(Instant.parse("9999-12-31T23:59:59Z")))) {
			throw new InvalidRequestException(field, "must be between years 1 and 9999");
		}
	}

	/** PostgreSQL text cannot hold NUL. */
	private static void checkText(String field, String value) {
		if (value != null && (value.indexOf('\0') >= 0 || value.length() > 200)) {
			throw new InvalidRequestException(field, "must be at most 200 characters, without NUL");
		}
	}

}
