package io.herald.fuzz;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values for generated requests, from a seeded {@link Random} so that a run can be repeated exactly: mostly what the
 * schema asks for (so that requests reach deep into the handlers), often not (wrong types, missing and extra
 * fields, out-of-range numbers, huge strings, odd Unicode).
 */
final class HostileValues {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Strings a careless handler or PostgreSQL might choke on. */
	static final List<String> ODD = List.of("", " ", "\u0000", "a\u0000b", "\u2028", "li\u2028@example.com",
			"\u202Eevil", "\u200F\u200E", "\uD83D\uDE00", "\uD800", "\uDC00x", "x\uD83D", "\uFEFF", "\u0085",
			"\r\nX-Injected: 1", "<script>alert(1)</script>", "' or 1=1 --", "%00", "%2e%2e%2f", "../../etc/passwd",
			"null", "true", "-1", "0", "1e309", "NaN", "-0", "٣", "ǅ", "ﬃ", "Ω", "𝔘𝔫𝔦", "a\tb", "\u001b[31m",
			"+275760-09-13T00:00:00Z", "-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-02-30T00:00:00Z",
			"9999-12-31T23:59:59.999999999Z", "00000000-0000-0000-0000-000000000000", "msg_", "msg_x",
			"{\"a\":1}", "[]", "\\u0000", "Li <li@example.com>");

	private final Random random;

	private final List<String> ids;

	private boolean sparing;

	/** @param ids known ids; the first two (the fixtures' merchant and station) are spared by {@link #sparing} */
	HostileValues(Random random, List<String> ids) {
		this.random = random;
		this.ids = ids;
	}

	/** Whether the next values leave out the first two known ids. */
	void sparing(boolean sparing) {
		this.sparing = sparing;
	}

	boolean chance(double p) {
		return random.nextDouble() < p;
	}

	<T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	String oddString() {
		return switch (random.nextInt(12)) {
			case 0 -> "x".repeat(1 + random.nextInt(20_000));
			case 1 -> "\u00e9".repeat(300) + pick(ODD);
			default -> pick(ODD);
		};
	}

	/** A value for a path or query parameter. */
	String parameter(String name, JsonNode schema) {
		if (chance(0.25)) {
			return oddString();
		}
		JsonNode value = value(schema, 0, 0.1);
		return value.isString() ? value.asString() : value.toString();
	}

	/** A JSON value for the schema; {@code hostility} is the chance that any one value is wrong. */
	JsonNode value(JsonNode schema, int depth, double hostility) {
		if (chance(hostility)) {
			return wrong(schema);
		}
		if (schema.has("enum")) {
			List<JsonNode> values = schema.get("enum").valueStream().toList();
			return values.isEmpty() ? NODES.stringNode("") : pick(values);
		}
		String type = type(schema);
		String format = schema.path("format").asString("");
		return switch (type) {
			case "string" -> switch (format) {
				case "uuid" -> NODES.stringNode(chance(0.8) ? pick(sparing ? ids.subList(2, ids.size()) : ids)
						: java.util.UUID.randomUUID().toString());
				case "date-time" -> NODES.stringNode(chance(0.8) ? "2026-12-03T10:00:00Z" : pick(ODD));
				case "email" -> NODES.stringNode("li@example.com");
				default -> NODES.stringNode(chance(0.7) ? plain(schema) : oddString());
			};
			case "integer" -> NODES.numberNode(chance(0.8) ? (long) random.nextInt(5) : (long) pick(List.of(-1L, 0L,
					(long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, 1001L, 100_000L, Long.MAX_VALUE)));
			case "number" -> NODES.numberNode(chance(0.8) ? 42.5 + random.nextDouble() / 10 : (double) pick(List.of(91.0,
					-181.0, 1e308, -0.0, 4.9e-324)));
			case "boolean" -> NODES.booleanNode(random.nextBoolean());
			case "array" -> array(schema, depth, hostility);
			case "object" -> object(schema, depth, hostility);
			default -> NODES.stringNode(plain(schema));
		};
	}

	private String plain(JsonNode schema) {
		if (schema.has("example")) {
			return schema.get("example").asString();
		}
		return pick(List.of("B-" + random.nextInt(1000), "Li Wei", "+8613800138000", "en", "Europe/Andorra",
				"li@example.com", "TEA-1", "AD500", "http://127.0.0.1:1/hook", "STOCKED", "courier-1"));
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode t : type) {
				if (!"null".equals(t.asString())) {
					return t.asString();
				}
			}
		}
		if (type.isString()) {
			return type.asString();
		}
		return schema.has("properties") ? "object" : "string";
	}

	/** A value of another type, or out of range, or oddly written. */
	JsonNode wrong(JsonNode schema) {
		return switch (random.nextInt(9)) {
			case 0 -> NODES.nullNode();
			case 1 -> NODES.numberNode(new BigInteger("99999999999999999999999999"));
			case 2 -> NODES.numberNode(-1);
			case 3 -> NODES.booleanNode(true);
			case 4 -> NODES.objectNode().put("unexpected", pick(ODD));
			case 5 -> NODES.arrayNode().add(pick(ODD));
			case 6 -> NODES.numberNode(1e308);
			default -> NODES.stringNode(oddString());
		};
	}

	private ArrayNode array(JsonNode schema, int depth, double hostility) {
		ArrayNode array = NODES.arrayNode();
		int size = chance(0.02) ? 1001 : random.nextInt(depth > 2 ? 2 : 4);
		JsonNode items = schema.path("items");
		for (int i = 0; i < size; i++) {
			array.add(size > 100 ? NODES.stringNode("x") : value(items, depth + 1, hostility));
		}
		return array;
	}

	private JsonNode object(JsonNode schema, int depth, double hostility) {
		ObjectNode object = NODES.objectNode();
		if (depth > 4) {
			return object;
		}
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			// a field is left out now and then: a missing required field is one of the refusals to reach
			if (!chance(0.1)) {
				object.set(property.getKey(), value(property.getValue(), depth + 1, hostility));
			}
		}
		if (chance(0.1)) {
			object.set(pick(List.of("extra", "id", "merchantId", "role", "__proto__", "")), wrong(schema));
		}
		return object;
	}

	/** The JSON text of a body, sometimes with every non-ASCII character escaped (lone surrogates survive only so). */
	String json(JsonNode body, JsonMapper plain, JsonMapper escaping) {
		return (chance(0.5) ? escaping : plain).writeValueAsString(body);
	}

	/** A body that is not valid JSON. */
	String broken(String json) {
		return switch (random.nextInt(6)) {
			case 0 -> json.isEmpty() ? "{" : json.substring(0, random.nextInt(json.length()));
			case 1 -> json + ",";
			case 2 -> "{\"a\":" + "[".repeat(2000);
			case 3 -> json.replace("\"", "'");
			case 4 -> "\u0000\u0001\u0002";
			default -> "{\"orderNumber\": \"\u0000\"}";
		};
	}

}
