package io.herald.routing.sequence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TsplibInstanceTests {

	@Test
	void readsHeadersWithAndWithoutSpaceBeforeTheColonAndLeadingSpaces() {
		TsplibInstance instance = TsplibInstance.parse("""
				NAME : square
				COMMENT: four corners
				  TYPE:TSP
				DIMENSION: 4
				EDGE_WEIGHT_TYPE : EUC_2D
				NODE_COORD_SECTION
				  1 0 0
				 2   3.0  0
				3 3 4
				4 0 4
				EOF
				""");

		assertThat(instance.name()).isEqualTo("square");
		assertThat(instance.dimension()).isEqualTo(4);
		assertThat(instance.distance(0, 2)).isEqualTo(5);
		assertThat(instance.tourLength(new int[] { 0, 1, 2, 3 })).isEqualTo(14);
	}

	@Test
	void missingEofAndBlankLinesAfterItAreFine() {
		String body = "NAME: pair\nTYPE: TSP\nDIMENSION : 2\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\n";

		assertThat(TsplibInstance.parse(body).dimension()).isEqualTo(2);
		assertThat(TsplibInstance.parse(body + "EOF\n\n   \n\n").dimension()).isEqualTo(2);
		assertThat(TsplibInstance.parse(body + "\n\n").dimension()).isEqualTo(2);
	}

	@Test
	void roundsEachEdgeToTheNearestInteger() {
		TsplibInstance instance = TsplibInstance.parse("""
				NAME: rounding
				DIMENSION: 3
				EDGE_WEIGHT_TYPE: EUC_2D
				NODE_COORD_SECTION
				1 0 0
				2 1 1
				3 1.5 0
				""");

		// sqrt(2) = 1.41 -> 1; 1.5 -> 2 (TSPLIB's nint rounds halves up)
		assertThat(instance.distance(0, 1)).isEqualTo(1);
		assertThat(instance.distance(0, 2)).isEqualTo(2);
		assertThat(instance.distances()[2][0]).isEqualTo(2);
	}

	@Test
	void refusesWhatItCannotMeasure() {
		assertThatThrownBy(() -> TsplibInstance.parse("NAME: x\nDIMENSION: 2\nEDGE_WEIGHT_TYPE: GEO\n"
				+ "NODE_COORD_SECTION\n1 0 0\n2 1 1\n")).hasMessageContaining("EUC_2D");
		assertThatThrownBy(() -> TsplibInstance.parse("NAME: x\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\n"
				+ "NODE_COORD_SECTION\n1 0 0\n2 1 1\nEOF\n")).hasMessageContaining("node 3 is missing");
		assertThatThrownBy(() -> TsplibInstance.parse("NAME: x\n")).hasMessageContaining("NODE_COORD_SECTION");
	}

	@Test
	void readsEveryInstanceOfTheSharedData() throws IOException {
		Path directory = Path.of("../shared/data/tsplib");
		assumeTrue(Files.isDirectory(directory), "shared TSPLIB data not present");
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".tsp")).toList()) {
				TsplibInstance instance = TsplibInstance.read(file);
				// TSPLIB names end in their node count
				assertThat(instance.name()).endsWith(Integer.toString(instance.dimension()));
			}
		}
	}

}
