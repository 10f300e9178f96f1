package io.herald.live;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams for other modules' pages (the customer's tracking page, the station app): the caller has already
 * decided that its user may see the order or the station.
 */
@Component
public class LiveFeed {

	/** The event type of a copy of a message the customer was sent, appended by the live channel. */
	public static final String MESSAGE = "notification.message";

	private final LiveStreams streams;

	private final LiveEventRepository repository;

	LiveFeed(LiveStreams streams, LiveEventRepository repository) {
		this.streams = streams;
		this.repository = repository;
	}

	/**
	 * An order's changes as server-sent events: its story so far, or what came after {@code lastEventId}, then each
	 * new change.
	 */
	public SseEmitter order(UUID orderId, String lastEventId) {
		return streams.openOrder(orderId, Cursor.resumeFrom(lastEventId));
	}

	/**
	 * A station's order changes as server-sent events, from now on or after {@code lastEventId} (for the station app:
	 * the caller has already decided that its user works at this station).
	 */
	public SseEmitter station(UUID stationId, String lastEventId) {
		return streams.openStation(stationId, Cursor.resumeFrom(lastEventId));
	}

	/**
	 * Appends a copy of a customer message to its order's stream ({@link #MESSAGE}), once per message: the payload's
	 * {@code notificationId} is unique per order, so a re-send after a crash adds nothing.
	 */
	public void appendMessage(UUID orderId, String payload, Instant occurredAt) {
		repository.insertMessage(orderId, payload, occurredAt);
	}

}
