package io.herald.routing.sequence;

import java.util.Arrays;

/**
 * Candidate lists: for each node, the nodes closest to it, nearest first. Moves only try to connect a node with its
 * candidates, which keeps a descent near linear in the number of stops; good tours rarely connect far-apart nodes.
 */
final class Neighbours {

	private Neighbours() {
	}

	/**
	 * @param closeness how close two nodes are, smaller is closer; ties go to the lower index, so the lists are the
	 * same on every run
	 */
	static int[][] nearest(int size, int count, Closeness closeness) {
		int k = Math.min(count, size - 1);
		int[][] lists = new int[size][];
		long[] keys = new long[k];
		int[] nodes = new int[k];
		for (int a = 0; a < size; a++) {
			int filled = 0;
			for (int b = 0; b < size; b++) {
				if (b == a) {
					continue;
				}
				long key = closeness.between(a, b);
				if (filled == k && key >= keys[k - 1]) {
					continue;
				}
				int at = filled == k ? k - 1 : filled++;
				while (at > 0 && keys[at - 1] > key) {
					keys[at] = keys[at - 1];
					nodes[at] = nodes[at - 1];
					at--;
				}
				keys[at] = key;
				nodes[at] = b;
			}
			lists[a] = Arrays.copyOf(nodes, filled);
		}
		return lists;
	}

	@FunctionalInterface
	interface Closeness {

		long between(int a, int b);

	}

}
