package io.herald.routing;

import java.time.Instant;
import java.util.UUID;

import io.herald.platform.geo.GeoPoint;

/**
 * One order on a route: its place in the sequence, its forecast, what its customer was told, and its outcome.
 *
 * <p>A stop is immutable: each change below returns a new stop, and only {@link Route} puts one into its list. That
 * keeps Route the one place where a route's stops change, which the compiler checks; package-private setters would
 * be open to every class of the package.
 */
public final class Stop {

	private final UUID orderId;

	private final UUID merchantId;

	private final GeoPoint point;

	private final int serviceSeconds;

	private final Instant promisedFrom;

	private final Instant promisedTo;

	// not final only so that the changes below can fill in their fresh copy; a stop handed out never changes

	private int position;

	private StopState state;

	private String failureReason;

	private String failureNote;

	private Instant eta;

	private Instant etaEarliest;

	private Instant etaLatest;

	private Integer plannedTravelSeconds;

	private boolean announced;

	private Instant toldEarliest;

	private Instant toldLatest;

	private Instant toldAt;

	private Integer stopsAwayTold;

	private Instant completedAt;

	private Stop(UUID orderId, UUID merchantId, GeoPoint point, int serviceSeconds, Instant promisedFrom,
			Instant promisedTo, int position, StopState state) {
		this.orderId = orderId;
		this.merchantId = merchantId;
		this.point = point;
		this.serviceSeconds = serviceSeconds;
		this.promisedFrom = promisedFrom;
		this.promisedTo = promisedTo;
		this.position = position;
		this.state = state;
	}

	/** A stop not yet on a route: pending, without forecast, nothing told; the route gives it its position. */
	static Stop pending(UUID orderId, UUID merchantId, GeoPoint point, int serviceSeconds, Instant promisedFrom,
			Instant promisedTo) {
		return new Stop(orderId, merchantId, point, serviceSeconds, promisedFrom, promisedTo, 0, StopState.PENDING);
	}

	/** A stop as stored (repository). */
	static Stop restore(UUID orderId, UUID merchantId, GeoPoint point, int serviceSeconds, Instant promisedFrom,
			Instant promisedTo, int position, StopState state, String failureReason, String failureNote, Instant eta,
			Instant etaEarliest, Instant etaLatest, Integer plannedTravelSeconds, boolean announced,
			Instant toldEarliest, Instant toldLatest, Instant toldAt, Integer stopsAwayTold, Instant completedAt) {
		var stop = new Stop(orderId, merchantId, point, serviceSeconds, promisedFrom, promisedTo, position, state);
		stop.failureReason = failureReason;
		stop.failureNote = failureNote;
		stop.eta = eta;
		stop.etaEarliest = etaEarliest;
		stop.etaLatest = etaLatest;
		stop.plannedTravelSeconds = plannedTravelSeconds;
		stop.announced = announced;
		stop.toldEarliest = toldEarliest;
		stop.toldLatest = toldLatest;
		stop.toldAt = toldAt;
		stop.stopsAwayTold = stopsAwayTold;
		stop.completedAt = completedAt;
		return stop;
	}

	// -- changes, each a new stop; called by Route only --------------------------------------------------------------

	Stop at(int newPosition) {
		Stop s = copy();
		s.position = newPosition;
		return s;
	}

	Stop finished(StopState outcome, String reason, String note, Instant at) {
		Stop s = copy();
		s.state = outcome;
		s.failureReason = reason;
		s.failureNote = note;
		s.completedAt = at;
		return s;
	}

	Stop removed() {
		Stop s = copy();
		s.state = StopState.REMOVED;
		return s;
	}

	Stop forecast(int travelSeconds, Instant predicted, Instant earliest, Instant latest) {
		Stop s = copy();
		s.plannedTravelSeconds = travelSeconds;
		s.eta = predicted;
		s.etaEarliest = earliest;
		s.etaLatest = latest;
		return s;
	}

	/** The customer was told their place on the started route, with the current window. */
	Stop toldPlace() {
		Stop s = toldWindow();
		s.announced = true;
		return s;
	}

	/** The customer was told they are {@code threshold} or fewer stops away, with the current window. */
	Stop toldStopsAway(int threshold) {
		Stop s = toldWindow();
		s.stopsAwayTold = threshold;
		return s;
	}

	/** The customer was told their window moved; {@code toldAt} throttles the next such message. */
	Stop toldEtaChanged(Instant at) {
		Stop s = toldWindow();
		s.toldAt = at;
		return s;
	}

	/** Remembers the window the customer now knows. */
	private Stop toldWindow() {
		Stop s = copy();
		s.toldEarliest = etaEarliest;
		s.toldLatest = etaLatest;
		return s;
	}

	private Stop copy() {
		return restore(orderId, merchantId, point, serviceSeconds, promisedFrom, promisedTo, position, state,
				failureReason, failureNote, eta, etaEarliest, etaLatest, plannedTravelSeconds, announced, toldEarliest,
				toldLatest, toldAt, stopsAwayTold, completedAt);
	}

	public UUID orderId() { return orderId; }
	public Instant completedAt() { return completedAt; }
	public boolean pending() { return state == StopState.PENDING; }

	UUID merchantId() { return merchantId; }
	GeoPoint point() { return point; }
	int serviceSeconds() { return serviceSeconds; }
	Instant promisedFrom() { return promisedFrom; }
	Instant promisedTo() { return promisedTo; }
	int position() { return position; }
	StopState state() { return state; }
	String failureReason() { return failureReason; }
	String failureNote() { return failureNote; }
	Instant eta() { return eta; }
	Instant etaEarliest() { return etaEarliest; }
	Instant etaLatest() { return etaLatest; }
	Integer plannedTravelSeconds() { return plannedTravelSeconds; }
	boolean announced() { return announced; }
	Instant toldEarliest() { return toldEarliest; }
	Instant toldLatest() { return toldLatest; }
	Instant toldAt() { return toldAt; }
	Integer stopsAwayTold() { return stopsAwayTold; }

}
