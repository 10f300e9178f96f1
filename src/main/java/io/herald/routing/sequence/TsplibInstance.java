package io.herald.routing.sequence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A symmetric TSPLIB instance with EUC_2D distances: Euclidean, each edge rounded to the nearest integer, as TSPLIB
 * defines them and as its published optima are computed. Reads files as they come in the wild: {@code NAME:} or
 * {@code NAME :}, leading spaces, blank lines, with or without {@code EOF}.
 */
public record TsplibInstance(String name, double[] x, double[] y) {

	public TsplibInstance {
		if (x.length != y.length || x.length < 2) {
			throw new IllegalArgumentException("need at least two nodes with both coordinates");
		}
	}

	public static TsplibInstance read(Path file) throws IOException {
		return parse(Files.readAllLines(file));
	}

	public static TsplibInstance parse(String text) {
		return parse(text.lines().toList());
	}

	private static TsplibInstance parse(List<String> lines) {
		Map<String, String> header = new LinkedHashMap<>();
		double[] x = null;
		double[] y = null;
		boolean[] seen = null;
		int dimension = -1;
		boolean coordinates = false;
		for (String raw : lines) {
			String line = raw.strip();
			if (line.isEmpty()) {
				continue;
			}
			if (line.equals("EOF")) {
				break;
			}
			if (coordinates && Character.isDigit(line.charAt(0))) {
				String[] fields = line.split("\\s+");
				if (fields.length < 3) {
					throw new IllegalArgumentException("coordinate line needs id, x and y: '" + line + "'");
				}
				int id = Integer.parseInt(fields[0]);
				if (id < 1 || id > dimension || seen[id - 1]) {
					throw new IllegalArgumentException("node id " + id + " is out of 1.." + dimension + " or repeated");
				}
				seen[id - 1] = true;
				x[id - 1] = Double.parseDouble(fields[1]);
				y[id - 1] = Double.parseDouble(fields[2]);
				continue;
			}
			coordinates = false;
			if (line.startsWith("NODE_COORD_SECTION")) {
				dimension = dimension(header);
				x = new double[dimension];
				y = new double[dimension];
				seen = new boolean[dimension];
				coordinates = true;
				continue;
			}
			int colon = line.indexOf(':');
			if (colon < 0) {
				throw new IllegalArgumentException("expected KEY : VALUE or a section, got '" + line + "'");
			}
			header.put(line.substring(0, colon).strip().toUpperCase(Locale.ROOT), line.substring(colon + 1).strip());
		}
		if (x == null) {
			throw new IllegalArgumentException("no NODE_COORD_SECTION");
		}
		for (int i = 0; i < dimension; i++) {
			if (!seen[i]) {
				throw new IllegalArgumentException("DIMENSION is " + dimension + " but node " + (i + 1) + " is missing");
			}
		}
		return new TsplibInstance(header.getOrDefault("NAME", "unnamed"), x, y);
	}

	private static int dimension(Map<String, String> header) {
		String type = header.getOrDefault("EDGE_WEIGHT_TYPE", "");
		if (!type.equals("EUC_2D")) {
			throw new IllegalArgumentException("only EDGE_WEIGHT_TYPE EUC_2D is supported, got '" + type + "'");
		}
		if (!header.containsKey("DIMENSION")) {
			throw new IllegalArgumentException("DIMENSION must come before NODE_COORD_SECTION");
		}
		return Integer.parseInt(header.get("DIMENSION"));
	}

	public int dimension() {
		return x.length;
	}

	/** TSPLIB's nint(sqrt(dx^2 + dy^2)). */
	public int distance(int i, int j) {
		double dx = x[i] - x[j];
		double dy = y[i] - y[j];
		return (int) (Math.sqrt(dx * dx + dy * dy) + 0.5);
	}

	/** All distances; node 0 (TSPLIB's node 1) becomes the start of the tour. */
	public int[][] distances() {
		int n = dimension();
		int[][] matrix = new int[n][n];
		for (int i = 0; i < n; i++) {
			for (int j = i + 1; j < n; j++) {
				matrix[i][j] = distance(i, j);
				matrix[j][i] = matrix[i][j];
			}
		}
		return matrix;
	}

	/** Length of the closed tour visiting the nodes in {@code order} (0-based). */
	public long tourLength(int[] order) {
		long length = 0;
		for (int i = 0; i < order.length; i++) {
			length += distance(order[i], order[(i + 1) % order.length]);
		}
		return length;
	}

	@Override
	public String toString() {
		return name + " (" + dimension() + " nodes)";
	}

}
