package io.herald.notification.live;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams for other modules' pages (the customer's tracking page, the station app): the caller has already
 * decided that its user may see the order or the station.
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

	/**
	 * A station's order changes as server-sent events, from now on or after {@code lastEventId} (for the station app:
	 * the caller has already decided that its user works at this station).
	 */
	public SseEmitter station(UUID stationId, String lastEventId) {
		return streams.openStation(stationId, Cursor.resumeFrom(lastEventId));
	}

}
