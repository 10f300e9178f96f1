package io.herald.routing.sequence;

import java.util.SplittableRandom;

/**
 * Orders the stops of one route: fewest broken promises (lateness) first, then least travel time.
 *
 * <p>Routes of up to {@value ExactSearch#LIMIT} free stops are solved exactly. Longer ones start from a constructed
 * tour (nearest neighbour, or earliest deadline when that keeps more promises), descend with 2-opt and Or-opt over
 * candidate lists, then run iterated local search: kick the tour with a local double bridge, descend again, keep the
 * result unless it is worse. Without windows on a symmetric matrix the moves are evaluated in constant time
 * ({@link TravelSearch}); otherwise by simulating the schedule ({@link ScheduleSearch}).
 *
 * <p><b>What is reproducible.</b> The result is a function of the problem, {@link SequencerSettings#seed()} and the
 * number of iterations run, which the result reports. The budget is only checked between iterations, never inside
 * one, so a run that the budget stops after {@code k} iterations returns exactly what a run with
 * {@code maxIterations = k} returns on any machine; a run that stops on {@code maxIterations} is reproducible as it
 * is. Construction and the first descent always run to the end (a few milliseconds for a thousand stops).
 */
public final class Sequencer {

	/** Candidates per node without windows: measured on TSPLIB, 8 finds as good tours as 12 in less time. */
	private static final int TRAVEL_CANDIDATES = Integer.getInteger("tune.kt", 8);

	/** With windows a good neighbour in time may be far in space, so each node looks at more of them. */
	private static final int SCHEDULE_CANDIDATES = Integer.getInteger("tune.ks", 16);

	/** Longest segment a kick moves; measured on TSPLIB. */
	private static final int KICK_LENGTH = Integer.getInteger("tune.kick", 50);

	private static final int SCHEDULE_KICK_LENGTH = Integer.getInteger("tune.skick", 10);

	static final boolean STRICT = Boolean.getBoolean("tune.strict");
	private final SequencerSettings settings;

	public Sequencer(SequencerSettings settings) {
		this.settings = settings;
	}

	public SequenceResult solve(SequenceProblem problem) {
		long deadline = deadline(System.nanoTime());
		Instance instance = Instance.of(problem);
		int[] start = Construction.initial(instance);
		if (instance.freeCount() <= ExactSearch.LIMIT) {
			return result(instance, ExactSearch.solve(instance, start), 0);
		}
		TourSearch search = searchFor(instance, start);
		search.activateAll();
		search.descend();
		Cost current = search.cost();
		int[] currentTour = search.snapshot();
		SplittableRandom random = new SplittableRandom(settings.seed());
		int iterations = 0;
		while (iterations < settings.maxIterations() && System.nanoTime() - deadline < 0) {
			iterations++;
			search.kick(random, search instanceof TravelSearch ? KICK_LENGTH : SCHEDULE_KICK_LENGTH);
			search.descend();
			Cost cost = search.cost();
			// equal cost is accepted: it lets the search drift across plateaus instead of retrying the same tour
			if (cost.compareTo(current) < (STRICT ? 0 : 1)) {
				current = cost;
				currentTour = search.snapshot();
			}
			else {
				search.restore(currentTour, current);
			}
		}
		return result(instance, currentTour, iterations);
	}

	private long deadline(long now) {
		long budget = settings.budget().toNanos();
		return now + Math.min(budget, Long.MAX_VALUE / 4);
	}

	private static TourSearch searchFor(Instance instance, int[] start) {
		if (instance.symmetric && !instance.windows) {
			int[][] candidates = Neighbours.nearest(instance.size, TRAVEL_CANDIDATES, instance::d);
			return new TravelSearch(instance, start, candidates);
		}
		int[][] candidates = Neighbours.nearest(instance.size, SCHEDULE_CANDIDATES,
				(a, b) -> (long) instance.d(a, b) + instance.d(b, a));
		return new ScheduleSearch(instance, start, candidates);
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
