package io.herald.demo;

import java.util.List;

/** Real places in Andorra (coordinates from OpenStreetMap, © OpenStreetMap contributors). */
final class DemoData {

	private DemoData() {
	}

	record DemoStation(String name, double lat, double lon, String area, List<String> regionCodes) {
	}

	record Place(String address, double lat, double lon) {
	}

	static final List<DemoStation> STATIONS = List.of(
			new DemoStation("Andorra la Vella", 42.5063, 1.5218, """
					{"type":"Polygon","coordinates":[[[1.4990,42.4960],[1.5290,42.4990],[1.5330,42.5090],[1.5260,42.5160],
					[1.5060,42.5140],[1.4960,42.5050],[1.4990,42.4960]]]}""", List.of("AD-07", "AD-06")),
			new DemoStation("Escaldes-Engordany", 42.5097, 1.5383, """
					{"type":"Polygon","coordinates":[[[1.5290,42.4990],[1.5560,42.4980],[1.5620,42.5100],[1.5480,42.5200],
					[1.5330,42.5160],[1.5330,42.5090],[1.5290,42.4990]]]}""", List.of("AD-08")),
			new DemoStation("Encamp", 42.5345, 1.5803, """
					{"type":"MultiPolygon","coordinates":[[[[1.5620,42.5240],[1.5960,42.5230],[1.6010,42.5420],[1.5760,42.5480],
					[1.5600,42.5370],[1.5620,42.5240]]],[[[1.7230,42.5360],[1.7420,42.5360],[1.7420,42.5480],[1.7230,42.5480],
					[1.7230,42.5360]]]]}""", List.of("AD-03")));

	static final List<Place> PLACES = List.of(
			new Place("Avinguda Meritxell 20, Andorra la Vella", 42.5075, 1.5265),
			new Place("Plaça del Poble, Andorra la Vella", 42.5061, 1.5218),
			new Place("Carrer de la Vall 5, Andorra la Vella", 42.5080, 1.5195),
			new Place("Avinguda Carlemany 50, Escaldes-Engordany", 42.5090, 1.5370),
			new Place("Caldea, Escaldes-Engordany", 42.5115, 1.5400),
			new Place("Avinguda François Mitterrand 10, Encamp", 42.5340, 1.5810),
			new Place("Funicamp, Encamp", 42.5330, 1.5840),
			new Place("Carrer Major, Pas de la Casa", 42.5420, 1.7330),
			new Place("Carrer Major 3, Sant Julià de Lòria", 42.4637, 1.4913),
			new Place("Avinguda del Través, La Massana", 42.5450, 1.5148),
			new Place("Plaça Major, La Seu d'Urgell (Spain)", 42.3580, 1.4560));

	static final List<String[]> CUSTOMERS = List.of(new String[] { "李伟", "zh-CN", "Asia/Shanghai", "+8613800138000" },
			new String[] { "王芳", "zh-CN", "Asia/Shanghai", "+8613900139000" },
			new String[] { "Marta Puig", "en", "Europe/Andorra", "+376312345" },
			new String[] { "Sam Taylor", "en-GB", "Europe/London", "+447700900123" });

	static final List<String[]> PRODUCTS = List.of(new String[] { "TEA-GREEN", "Green tea 250 g" },
			new String[] { "CUP-PORC", "Porcelain cup" }, new String[] { "HONEY-1", "Mountain honey" },
			new String[] { "BREAD-01", "Sourdough bread" }, new String[] { "CHEESE-2", "Goat cheese" });

}
