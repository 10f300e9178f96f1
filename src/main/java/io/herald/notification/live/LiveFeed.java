package io.herald.notification.live;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams for other modules' pages (the customer's tracking page): the caller has already decided that
 * its user may see the order.
 */
@Component
public class LiveFeed {

	private final LiveStreams streams;

	LiveFeed(LiveStreams streams) {
		this.streams = streams;
	}

	/**
	 * An order's changes as server-sent events: its story so far, or what came after {@code lastEventId}, then each
	 * new change.
	 */
	public SseEmitter order(UUID orderId, String lastEventId) {
		return streams.openOrder(orderId, Cursor.resumeFrom(lastEventId));
	}

}
