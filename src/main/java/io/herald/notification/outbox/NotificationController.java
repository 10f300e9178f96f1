package io.herald.notification.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.notification.policy.ChannelType;
import io.herald.notification.policy.NotificationKind;
import io.herald.order.Customer;
import io.herald.order.Order;
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

	/**
	 * The merchant and operators see what was sent as it was sent. A station sees the history without what would let
	 * it act as the customer or reach them outside the delivery: the tracking and unsubscribe links lose their tokens
	 * (on the tracking page the customer can cancel the order) and the customer's email and phone are masked, as in
	 * the message copies the Kafka channel publishes.
	 */
	@Operation(summary = "The order's notification history: one entry per kind, channel and recipient",
			description = "For a station key, links' tokens are hidden and the customer's addresses masked.")
	@GetMapping("/api/v1/orders/{orderId}/notifications")
	@Allowed({ Role.ADMIN, Role.MERCHANT, Role.STATION })
	List<NotificationView> history(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId) {
		Order order = orders.get(orderId, caller);
		List<NotificationView> history = outbox.findByOrder(orderId).stream().map(NotificationView::of).toList();
		return caller.role() == Role.MERCHANT || caller.role() == Role.ADMIN ? history
				: history.stream().map(view -> view.redacted(order.customer())).toList();
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

		NotificationView redacted(Customer customer) {
			return new NotificationView(id, kind, channel,
					Redaction.customerAddress(channel) ? Redaction.address(channel, recipient) : recipient, locale,
					hide(subject, customer), hide(body, customer), status, attempts, hide(lastError, customer),
					createdAt, nextAttemptAt, sentAt);
		}

		/** Every address of the customer masked, whichever channel's text quotes it. */
		private String hide(String text, Customer customer) {
			String hidden = Redaction.text(text, channel, recipient);
			hidden = Redaction.text(hidden, ChannelType.EMAIL, customer.email());
			return Redaction.text(hidden, ChannelType.SMS, customer.phone());
		}

	}

}
