package io.herald.notification.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.order.Orders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Notifications", description = "What each customer was told, on which channel, and how it went")
@RestController
class NotificationController {

	private final Orders orders;

	private final OutboxAdministration outbox;

	NotificationController(Orders orders, OutboxAdministration outbox) {
		this.orders = orders;
		this.outbox = outbox;
	}

	@Operation(summary = "The order's notification history: one entry per kind, channel and recipient")
	@GetMapping("/api/v1/orders/{orderId}/notifications")
	@Allowed({ Role.ADMIN, Role.MERCHANT, Role.STATION })
	List<NotificationView> history(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId) {
		orders.get(orderId, caller);
		return outbox.findByOrder(orderId).stream().map(NotificationView::of).toList();
	}

	record NotificationView(String id, NotificationKind kind, ChannelType channel, String recipient, String locale,
			String subject, String body, NotificationStatus status, int attempts, String lastError, Instant createdAt,
			Instant nextAttemptAt, Instant sentAt) {

		static NotificationView of(Notification d) {
			return new NotificationView("msg_" + d.id(), d.kind(), d.channel(), d.recipient(), d.locale(),
					d.subject(), d.body(), d.status(), d.attempts(), d.lastError(), d.createdAt(),
					d.status() == NotificationStatus.PENDING || d.status() == NotificationStatus.FAILED ? d.nextAttemptAt()
							: null,
					d.sentAt());
		}

	}

}
