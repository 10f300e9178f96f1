package io.herald.routing.sequence;

import java.util.SplittableRandom;

/**
 * Orders the stops of one route: fewest broken promises (lateness) first, then least travel time.
 *
 * <p>Routes of up to {@value ExactSearch#LIMIT} free stops are solved exactly. Longer ones start from a constructed
 * tour (nearest neighbour, or earliest deadline when that keeps more promises) or from a sequence the caller gives,
 * descend with 2-opt and Or-opt over candidate lists, then run iterated local search: kick the tour with a local
 * double bridge, descend again, keep the result unless it is worse. Without windows on a symmetric matrix the moves
 * are evaluated in constant time ({@link TravelSearch}); otherwise by simulating the schedule
 * ({@link ScheduleSearch}). docs/benchmarks.md has the measurements behind these choices.
 *
 * <p><b>What is reproducible.</b> The result is a function of the problem, the start sequence if one is given,
 * {@link SequencerSettings#seed()} and the number of iterations run, which the result reports. The budget is only
 * checked between iterations, never inside one, so a run that the budget stops after {@code k} iterations returns
 * exactly what a run with {@code maxIterations = k} returns on any machine; a run that stops on
 * {@code maxIterations} is reproducible as it is. Construction and the first descent always run to the end (about a
 * millisecond for 200 stops, 7 ms for 1,000).
 */
public final class Sequencer {

	/** Candidates per node without windows: on TSPLIB 5 was worse and 12 no better. */
	private static final int TRAVEL_CANDIDATES = 8;

	/** With windows a good neighbour in time may be farther in space, so each node looks at more of them. */
	private static final int SCHEDULE_CANDIDATES = 16;

	/** Longest segment a kick moves without windows: on TSPLIB 10 and 30 were worse, 100 no better. */
	private static final int TRAVEL_KICK_LENGTH = 50;

	/** With windows long kicks break many promises at once and each repair costs simulations: 10 measured best. */
	private static final int SCHEDULE_KICK_LENGTH = 10;

	private final SequencerSettings settings;

	public Sequencer(SequencerSettings settings) {
		this.settings = settings;
	}

	public SequenceResult solve(SequenceProblem problem) {
		long started = System.nanoTime();
		Instance instance = Instance.of(problem);
		return search(instance, Construction.initial(instance), started);
	}

	/**
	 * Improves a sequence the caller already has, such as the route's current plan when it is re-planned: the result
	 * is never worse than {@code startSequence}, and equal to it when nothing better is found.
	 *
	 * @param startSequence every stop once, starting with the problem's fixed prefix
	 */
	public SequenceResult solve(SequenceProblem problem, int[] startSequence) {
		long started = System.nanoTime();
		Instance instance = Instance.of(problem);
		return search(instance, instance.tourOf(startSequence), started);
	}

	/**
	 * The schedule and cost of a given sequence, without searching: to compare a plan the caller already has with a
	 * new one by the same objective.
	 *
	 * @param sequence every stop once, starting with the problem's fixed prefix
	 */
	public static SequenceResult evaluate(SequenceProblem problem, int[] sequence) {
		Instance instance = Instance.of(problem);
		return result(instance, instance.tourOf(sequence), 0);
	}

	private SequenceResult search(Instance instance, int[] start, long started) {
		if (instance.freeCount() <= ExactSearch.LIMIT) {
			return result(instance, ExactSearch.solve(instance, start), 0);
		}
		long deadline = started + Math.min(settings.budget().toNanos(), Long.MAX_VALUE / 4);
		boolean travelOnly = instance.symmetric && !instance.windows;
		TourSearch search = travelOnly ? new TravelSearch(instance, start, travelCandidates(instance))
				: new ScheduleSearch(instance, start, scheduleCandidates(instance));
		int kickLength = travelOnly ? TRAVEL_KICK_LENGTH : SCHEDULE_KICK_LENGTH;
		search.activateAll();
		search.descend();
		Cost current = search.cost();
		int[] currentTour = search.snapshot();
		SplittableRandom random = new SplittableRandom(settings.seed());
		int iterations = 0;
		while (iterations < settings.maxIterations() && System.nanoTime() - deadline < 0) {
			iterations++;
			search.kick(random, kickLength);
			search.descend();
			Cost cost = search.cost();
			// equal cost is accepted: drifting across plateaus measured better on TSPLIB than retrying one tour
			if (cost.compareTo(current) <= 0) {
				current = cost;
				currentTour = search.snapshot();
			}
			else {
				search.restore(currentTour, current);
			}
		}
		return result(instance, currentTour, iterations);
	}

	private static int[][] travelCandidates(Instance instance) {
		return Neighbours.nearest(instance.size, TRAVEL_CANDIDATES, instance::d);
	}

	private static int[][] scheduleCandidates(Instance instance) {
		return Neighbours.nearest(instance.size, SCHEDULE_CANDIDATES,
				(a, b) -> (long) instance.d(a, b) + instance.d(b, a));
	}

	private static SequenceResult result(Instance instance, int[] tour, int iterations) {
		int[] sequence = new int[instance.stops];
		System.arraycopy(tour, 1, sequence, 0, instance.stops);
		int[] arrivals = new int[instance.stops];
		long time = 0;
		int at = 0;
		for (int i = 0; i < sequence.length; i++) {
			int stop = sequence[i];
			long arrival = time + instance.d(at, stop);
			arrivals[i] = (int) Math.min(Integer.MAX_VALUE, arrival);
			time = Math.max(arrival, instance.earliest[stop]) + instance.service[stop];
			at = stop;
		}
		Cost cost = instance.cost(tour);
		return new SequenceResult(sequence, arrivals, cost.travel(), cost.lateness(), iterations);
	}

}
