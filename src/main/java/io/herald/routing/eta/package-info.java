/**
 * ETA windows in plain Java (no Spring, no database): when a courier will reach each remaining stop of a route, and
 * the window around it that the customer is told. {@link io.herald.routing.eta.EtaModel} forecasts from the planned
 * travel and service times and a {@link io.herald.routing.eta.PaceState} it learns from the stops finished so far.
 * It separates the error that repeats on every leg (this courier's pace today, learned as the day goes on) from the
 * noise of each leg (which averages out over many legs), so windows widen with the stops and minutes ahead of a stop
 * and tighten as the courier's pace becomes known. Calibrated by {@code bench/run eta}.
 */
package io.herald.routing.eta;
