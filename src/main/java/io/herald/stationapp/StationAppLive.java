package io.herald.stationapp;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.live.LiveFeed;
import io.herald.platform.geo.GeoPoint;
import io.herald.routing.Routes;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the station app's scripts call: the station's live stream, which the pages follow to refresh in place, and
 * the courier's position from the browser's geolocation (JSON with the session's CSRF token in a header). Errors
 * here are problem+json, for the script to show. Only station accounts get here: the security chain checks the role
 * of /station/**.
 */
@Hidden
@RestController
class StationAppLive {

	private final LiveFeed live;

	private final Routes routes;

	private final Clock clock;

	StationAppLive(LiveFeed live, Routes routes, Clock clock) {
		this.live = live;
		this.routes = routes;
		this.clock = clock;
	}

	@GetMapping(path = "/station/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter live(@AuthenticationPrincipal Caller caller,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		return live.station(caller.stationId(), lastEventId);
	}

	/**
	 * @param at when the browser measured the position; the server's time when absent or in the future
	 */
	record PositionForm(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
			@NotNull @DecimalMin("-180") @DecimalMax("180") Double lon, Instant at) {
	}

	record PositionSent(UUID routeId, double lat, double lon, Instant at) {
	}

	@PostMapping(path = "/station/routes/{id}/position", consumes = MediaType.APPLICATION_JSON_VALUE)
	PositionSent position(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
			@Valid @RequestBody PositionForm form) {
		Instant now = clock.instant();
		Instant at = form.at() == null || form.at().isAfter(now) ? now : form.at();
		routes.position(id, caller.stationId(), new GeoPoint(form.lat(), form.lon()), at);
		return new PositionSent(id, form.lat(), form.lon(), at);
	}

}
