package io.herald.station.assignment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Tries strategies in order; the first that decides wins. Inactive stations are never chosen. */
public final class AssignmentChain {

	private final List<AssignmentStrategy> strategies;

	public AssignmentChain(List<AssignmentStrategy> strategies) {
		this.strategies = List.copyOf(strategies);
	}

	/**
	 * Builds a chain from configured names.
	 * @throws IllegalArgumentException for an unknown name
	 */
	public static AssignmentChain of(List<String> names, List<AssignmentStrategy> available) {
		Map<String, AssignmentStrategy> byName = available.stream()
			.collect(Collectors.toMap(AssignmentStrategy::name, Function.identity()));
		return new AssignmentChain(names.stream().map(name -> {
			AssignmentStrategy strategy = byName.get(name);
			if (strategy == null) {
				throw new IllegalArgumentException("unknown assignment strategy '" + name + "'; known: " + byName.keySet());
			}
			return strategy;
		}).toList());
	}

	public Optional<Assignment> assign(Location destination, List<StationCandidate> stations) {
		List<StationCandidate> active = stations.stream().filter(StationCandidate::active).toList();
		for (AssignmentStrategy strategy : strategies) {
			var chosen = strategy.choose(destination, active);
			if (chosen.isPresent()) {
				return Optional.of(new Assignment(chosen.get(), strategy.name()));
			}
		}
		return Optional.empty();
	}

	public List<String> names() {
		return strategies.stream().map(AssignmentStrategy::name).toList();
	}

}
