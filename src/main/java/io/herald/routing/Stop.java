package io.herald.routing;

import java.time.Instant;
import java.util.UUID;

import io.herald.platform.geo.GeoPoint;

/** One order on a route: its place in the sequence, its forecast, what its customer was told, and its outcome. */
public final class Stop {

	final UUID orderId;

	final UUID merchantId;

	final GeoPoint point;

	final int serviceSeconds;

	final Instant promisedFrom;

	final Instant promisedTo;

	int position;

	StopState state;

	String failureReason;

	String failureNote;

	Instant eta;

	Instant etaEarliest;

	Instant etaLatest;

	Integer plannedTravelSeconds;

	boolean announced;

	Instant toldEarliest;

	Instant toldLatest;

	Instant toldAt;

	Integer stopsAwayTold;

	Instant completedAt;

	Stop(UUID orderId, UUID merchantId, GeoPoint point, int serviceSeconds, Instant promisedFrom, Instant promisedTo,
			int position, StopState state) {
		this.orderId = orderId;
		this.merchantId = merchantId;
		this.point = point;
		this.serviceSeconds = serviceSeconds;
		this.promisedFrom = promisedFrom;
		this.promisedTo = promisedTo;
		this.position = position;
		this.state = state;
	}

	public UUID orderId() { return orderId; }
	public Instant completedAt() { return completedAt; }
	public boolean pending() { return state == StopState.PENDING; }

}
