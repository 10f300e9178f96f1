package io.herald.bench;

import java.time.Duration;

import com.google.ortools.Loader;
import com.google.ortools.constraintsolver.Assignment;
import com.google.ortools.constraintsolver.FirstSolutionStrategy;
import com.google.ortools.constraintsolver.LocalSearchMetaheuristic;
import com.google.ortools.constraintsolver.RoutingIndexManager;
import com.google.ortools.constraintsolver.RoutingModel;
import com.google.ortools.constraintsolver.RoutingSearchParameters;
import com.google.ortools.constraintsolver.main;

import io.herald.routing.sequence.TsplibInstance;

/**
 * Google OR-Tools routing as its TSP guide sets it up: one vehicle from node 1 and back, path-cheapest-arc first
 * solution, guided local search until the time limit. The matrix is registered in native code, so the search does not
 * call back into Java for each arc.
 */
final class TspOrTools implements TspSolver {

	private TspOrTools() {
	}

	/** @throws LinkageError when the native library does not load on this machine */
	static TspOrTools load() {
		Loader.loadNativeLibraries();
		return new TspOrTools();
	}

	@Override
	public String name() {
		return "ortools";
	}

	@Override
	public int[] solve(TsplibInstance instance, int[][] distances, Duration budget, long seed) {
		int n = distances.length;
		RoutingIndexManager manager = new RoutingIndexManager(n, 1, 0);
		RoutingModel routing = new RoutingModel(manager);
		long[][] matrix = new long[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < n; j++) {
				matrix[i][j] = distances[i][j];
			}
		}
		routing.setArcCostEvaluatorOfAllVehicles(routing.registerTransitMatrix(matrix));
		RoutingSearchParameters parameters = main.defaultRoutingSearchParameters()
			.toBuilder()
			.setFirstSolutionStrategy(FirstSolutionStrategy.Value.PATH_CHEAPEST_ARC)
			.setLocalSearchMetaheuristic(LocalSearchMetaheuristic.Value.GUIDED_LOCAL_SEARCH)
			.setTimeLimit(com.google.protobuf.Duration.newBuilder()
				.setSeconds(budget.getSeconds())
				.setNanos(budget.getNano()))
			.build();
		Assignment solution = routing.solveWithParameters(parameters);
		if (solution == null) {
			throw new IllegalStateException("OR-Tools found no tour within " + budget.toMillis() + " ms");
		}
		int[] tour = new int[n];
		long index = routing.start(0);
		for (int i = 0; !routing.isEnd(index); i++) {
			tour[i] = manager.indexToNode(index);
			index = solution.value(routing.nextVar(index));
		}
		return tour;
	}

}
