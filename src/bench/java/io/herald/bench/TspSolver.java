package io.herald.bench;

import java.time.Duration;

import io.herald.routing.sequence.TsplibInstance;

/** One solver compared on TSPLIB: a closed tour through every node, starting at node 1, within a time budget. */
interface TspSolver {

	String name();

	/** @return the nodes (0-based) in tour order, starting with 0 */
	int[] solve(TsplibInstance instance, int[][] distances, Duration budget, long seed);

	/** The tour checked and measured: a permutation of the nodes, its TSPLIB length, and the wall time taken. */
	record Run(long length, long millis) {

		static Run of(TspSolver solver, TsplibInstance instance, int[][] distances, Duration budget, long seed) {
			long started = System.nanoTime();
			int[] tour = solver.solve(instance, distances, budget, seed);
			long millis = (System.nanoTime() - started) / 1_000_000;
			boolean[] seen = new boolean[instance.dimension()];
			for (int node : tour) {
				if (seen[node]) {
					throw new IllegalStateException(solver.name() + " visited node " + (node + 1) + " twice");
				}
				seen[node] = true;
			}
			if (tour.length != instance.dimension()) {
				throw new IllegalStateException(solver.name() + " visited " + tour.length + " of "
						+ instance.dimension() + " nodes");
			}
			return new Run(instance.tourLength(tour), millis);
		}

	}

}
