/**
 * Splitting a depot's stops among several couriers and sequencing each courier's part, in plain Java (no Spring, no
 * database): a vehicle routing problem with capacities (items), hard time windows and optional shift ends, solved
 * for the fewest couriers first and the least travel second. {@link io.herald.routing.split.SplitPlanner} is the
 * entry point; it is deterministic for a given problem, seed and budget. Benchmarked on the Solomon instances
 * ({@code bench/run solomon}, docs/benchmarks.md).
 */
package io.herald.routing.split;
