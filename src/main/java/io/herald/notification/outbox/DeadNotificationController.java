package io.herald.notification.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.notification.NotificationAdministration;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
/**
 * Dead notifications, i.e. those given up on: DEAD ones (refused for good, or out of attempts) and FAILED ones without a
 * next attempt (an SMS receipt said the message did not arrive). Listed with the reason, and re-driven one by one or
 * in bulk once the cause is fixed (a receiver back up, a subscription re-enabled, a phone number corrected); a
 * customer message that reached the customer on another channel meanwhile is not re-driven. A merchant sees and
 * re-drives its own; an operator all.
 */
@Tag(name = "Notifications", description = "Dead notifications and their re-drive")
@RestController
@Allowed({ Role.MERCHANT, Role.ADMIN })
class DeadNotificationController {

	static final String DEAD = "/api/v1/notifications/dead";

	static final String REDRIVE_ONE = "/api/v1/notifications/{id}/redrive";

	static final String REDRIVE = "/api/v1/notifications/redrive";

	private final NotificationAdministration administration;

	DeadNotificationController(NotificationAdministration administration) {
		this.administration = administration;
	}

	/** @param status DEAD, or FAILED when a receipt said the message did not arrive */
	record DeadNotification(String id, UUID orderId, NotificationKind kind, ChannelType channel, String recipient,
			NotificationStatus status, int attempts, String reason, Instant createdAt) {

		static DeadNotification of(Notification d) {
			return new DeadNotification("msg_" + d.id(), d.orderId(), d.kind(), d.channel(), d.recipient(), d.status(),
					d.attempts(), d.lastError(), d.createdAt());
		}

	}

	/**
	 * @param ids the notifications to re-drive ("msg_..." or bare ids); when absent, every dead one matching the
	 * filters
	 */
	record RedriveRequest(List<String> ids, ChannelType channel, NotificationKind kind) {
	}

	record RedriveResult(int redriven, List<String> ids) {
	}

	@Operation(summary = "Dead notifications (DEAD, or FAILED for good by a receipt), newest first, with the reason")
	@GetMapping(DEAD)
	List<DeadNotification> dead(@AuthenticationPrincipal Caller caller,
			@RequestParam(required = false) ChannelType channel, @RequestParam(required = false) NotificationKind kind,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > 500) {
			throw new InvalidRequestException("size", "page must be >= 0 and size between 1 and 500");
		}
		// a page far beyond the end is an empty page, not an offset that overflows an int
		return administration.dead(caller, channel, kind, size, (int) Math.min((long) page * size, Integer.MAX_VALUE))
			.stream()
			.map(DeadNotification::of)
			.toList();
	}

	@Operation(summary = "Re-drive one dead notification")
	@PostMapping(REDRIVE_ONE)
	RedriveResult redriveOne(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
		UUID notificationId = parse(id, "id");
		administration.redrive(notificationId, caller);
		return new RedriveResult(1, List.of("msg_" + notificationId));
	}

	@Operation(summary = "Re-drive dead notifications in bulk: the listed ids, or all matching channel and kind")
	@PostMapping(REDRIVE)
	RedriveResult redrive(@AuthenticationPrincipal Caller caller, @RequestBody RedriveRequest request) {
		List<UUID> ids = null;
		if (request.ids() != null) {
			if (request.ids().size() > 1000) {
				throw new InvalidRequestException("ids", "at most 1000 ids per request");
			}
			ids = request.ids().stream().map(id -> parse(id, "ids")).toList();
		}
		List<UUID> done = administration.redriveAll(caller, ids, request.channel(), request.kind());
		return new RedriveResult(done.size(), done.stream().map(id -> "msg_" + id).toList());
	}

	// The paths before "delivery" came to mean only the courier's (issue 11): still answered for one release, marked
	// deprecated (RFC 9745) with a link to their successor.

	@Deprecated
	@Operation(summary = "Deprecated: use GET " + DEAD, deprecated = true)
	@GetMapping("/api/v1/deliveries/dead")
	List<DeadNotification> deadAtOldPath(@AuthenticationPrincipal Caller caller,
			@RequestParam(required = false) ChannelType channel, @RequestParam(required = false) NotificationKind kind,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			HttpServletResponse response) {
		deprecated(response, DEAD);
		return dead(caller, channel, kind, page, size);
	}

	@Deprecated
	@Operation(summary = "Deprecated: use POST " + REDRIVE_ONE, deprecated = true)
	@PostMapping("/api/v1/deliveries/{id}/redrive")
	RedriveResult redriveOneAtOldPath(@AuthenticationPrincipal Caller caller, @PathVariable String id,
			HttpServletResponse response) {
		deprecated(response, REDRIVE_ONE);
		return redriveOne(caller, id);
	}

	@Deprecated
	@Operation(summary = "Deprecated: use POST " + REDRIVE, deprecated = true)
	@PostMapping("/api/v1/deliveries/redrive")
	RedriveResult redriveAtOldPath(@AuthenticationPrincipal Caller caller, @RequestBody RedriveRequest request,
			HttpServletResponse response) {
		deprecated(response, REDRIVE);
		return redrive(caller, request);
	}

	/** The day the old paths were deprecated, as RFC 9745's Deprecation header gives it (seconds since the epoch). */
	private static final String DEPRECATED_SINCE = "@" + java.time.LocalDate.of(2026, 12, 3)
		.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond();

	private static void deprecated(HttpServletResponse response, String successor) {
		response.setHeader("Deprecation", DEPRECATED_SINCE);
		response.setHeader("Link", "<" + successor + ">; rel=\"successor-version\"");
	}

	private static UUID parse(String id, String field) {
		try {
			return UUID.fromString(id.startsWith("msg_") ? id.substring(4) : id);
		}
		catch (IllegalArgumentException | NullPointerException e) {
			throw new InvalidRequestException(field, "not a notification id: " + id);
		}
	}

}
