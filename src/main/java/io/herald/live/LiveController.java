package io.herald.live;

import java.util.UUID;

import io.herald.access.Allowed;
import io.herald.access.Caller;
import io.herald.access.Role;
import io.herald.order.Orders;
import io.herald.platform.NotFoundException;
import io.herald.station.Stations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams ({@code text/event-stream}). Each event's data is one JSON object with its {@code type}; its id
 * resumes the stream: a reconnecting client sends it back as {@code Last-Event-ID} (browsers' EventSource does so by
 * itself) or, where a client cannot set headers, as the {@code lastEventId} query parameter.
 */
@Tag(name = "Live", description = "Server-sent events: an order's or a station's changes as they commit")
@RestController
class LiveController {

	private final Orders orders;

	private final Stations stations;

	private final LiveStreams streams;

	LiveController(Orders orders, Stations stations, LiveStreams streams) {
		this.orders = orders;
		this.stations = stations;
		this.streams = streams;
	}

	@Operation(summary = "An order's changes as server-sent events: its story so far (or what came after "
			+ "Last-Event-ID), then each new change (the order's merchant or station, or an operator)")
	@GetMapping(path = "/api/v1/orders/{orderId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Allowed({ Role.ADMIN, Role.MERCHANT, Role.STATION })
	SseEmitter order(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
			@Parameter(description = "Last-Event-ID for clients that cannot set headers") @RequestParam(
					name = "lastEventId", required = false) String lastEventId) {
		orders.get(orderId, caller);
		return streams.openOrder(orderId, resumeFrom(lastEventIdHeader, lastEventId));
	}

	@Operation(summary = "A station's order changes as server-sent events: from now on (or after Last-Event-ID) "
			+ "(the station itself or an operator)")
	@GetMapping(path = "/api/v1/stations/{stationId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Allowed({ Role.ADMIN, Role.STATION })
	SseEmitter station(@AuthenticationPrincipal Caller caller, @PathVariable UUID stationId,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
			@Parameter(description = "Last-Event-ID for clients that cannot set headers") @RequestParam(
					name = "lastEventId", required = false) String lastEventId) {
		if (caller.stationScope().filter(own -> !own.equals(stationId)).isPresent()) {
			throw new NotFoundException("Station", stationId);
		}
		stations.get(stationId);
		return streams.openStation(stationId, resumeFrom(lastEventIdHeader, lastEventId));
	}

	/** The header wins: EventSource sends it on its own reconnects, after a page passed the parameter once. */
	private static Cursor resumeFrom(String header, String parameter) {
		return Cursor.resumeFrom(header != null && !header.isBlank() ? header : parameter);
	}

}
