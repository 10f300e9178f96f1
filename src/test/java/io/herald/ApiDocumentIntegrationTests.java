package io.herald;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.herald.support.Api;
import io.herald.support.IntegrationTestBase;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API document (/v3/api-docs) as clients see it: the committed copy (docs/openapi.json, from which the test
 * client is generated) is what the application serves, the document is valid, and what it says about security, errors
 * and examples holds.
 */
class ApiDocumentIntegrationTests extends IntegrationTestBase {

	static final Path COMMITTED = Path.of("docs/openapi.json");

	static final String REWRITE = "./mvnw test -Dtest=ApiDocumentIntegrationTests -Dherald.write-docs=true";

	private static final JsonMapper PRETTY = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private JsonNode served() {
		Api.Response response = api.get("/v3/api-docs", null);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	@Test
	void committedDocumentIsWhatTheApplicationServes() throws IOException {
		JsonNode served = served();
		if (Boolean.getBoolean("herald.write-docs")) {
			Files.writeString(COMMITTED, PRETTY.writeValueAsString(PRETTY.treeToValue(served, Map.class)) + "\n");
		}
		JsonNode committed = Api.JSON.readTree(Files.readString(COMMITTED));
		List<String> differences = new ArrayList<>();
		compare("", canonical(committed), canonical(served), differences);
		assertThat(differences)
			.as("%s is not the document the application serves at /v3/api-docs (%d differences, listed below). "
					+ "After changing the API, rewrite it with%n    %s%nlook at the diff and commit it: the client of "
					+ "ApiClientWalkthroughIntegrationTests is generated from that file at the next build.",
					COMMITTED, differences.size(), REWRITE)
			.isEmpty();
	}

	@Test
	void documentIsValidForTheParserOfTheGenerator() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		var result = new OpenAPIV3Parser().readContents(served().toString(), null, options);
		assertThat(result.getMessages()).as("messages of swagger-parser").isEmpty();
		assertThat(result.getOpenAPI().getPaths()).hasSizeGreaterThan(40);
	}

	@Test
	void everyApiOperationSaysWhoMayCallItAndHowItFails() {
		JsonNode document = served();
		assertThat(document.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
		assertThat(document.at("/components/securitySchemes/session/in").asString()).isEqualTo("cookie");
		List<String> checked = new ArrayList<>();
		operations(document).forEach((key, operation) -> {
			String path = key.substring(key.indexOf(' ') + 1);
			JsonNode responses = operation.path("responses");
			boolean secured = !operation.path("security").isEmpty();
			if (!path.startsWith("/api/") || key.equals("POST /api/v1/sms/receipts")) {
				assertThat(secured).as(key + " takes no API key").isFalse();
				assertThat(operation.has("x-herald-roles")).as(key).isFalse();
			}
			else {
				assertThat(operation.path("security").toString()).as(key).contains("\"apiKey\"");
				assertThat(operation.path("x-herald-roles").isEmpty()).as(key + " x-herald-roles").isFalse();
				assertThat(responses.has("401") && responses.has("403")).as(key + " 401 and 403").isTrue();
			}
			if (path.startsWith("/api/")) {
				if (path.contains("{")) {
					assertThat(responses.has("404")).as(key + " looks an id up: 404").isTrue();
				}
				if (operation.has("requestBody")) {
					assertThat(responses.has("400") && responses.has("413") && responses.has("415")).as(key).isTrue();
				}
				responses.properties().forEach(response -> {
					if (response.getKey().charAt(0) >= '4') {
						assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asString())
							.as(key + " " + response.getKey())
							.isEqualTo("#/components/schemas/ProblemDetail");
					}
				});
			}
			checked.add(key);
		});
		assertThat(checked).hasSizeGreaterThan(50);
		// generated clients name their methods after these
		List<String> operationIds = operations(document).values().stream().map(o -> o.path("operationId").asString()).toList();
		assertThat(operationIds).doesNotHaveDuplicates().doesNotContain("");
		assertThat(document.at("/components/schemas/ProblemDetail/properties/errors/items/$ref").asString())
			.isEqualTo("#/components/schemas/FieldProblem");
	}

	/** The security the document declares is the server's: without a key 401, with a key of another role 403. */
	@Test
	void securityOfEveryOperationIsWhatTheServerEnforces() {
		var merchant = fixtures.merchant("Roles Shop", null);
		var station = fixtures.station("Roles Station", 42.5063, 1.5218, null, "AD-07");
		Map<String, String> keys = Map.of("ADMIN", ADMIN_KEY, "MERCHANT", merchant.key(), "STATION", station.key());
		List<String> mismatches = new ArrayList<>();
		operations(served()).forEach((key, operation) -> {
			if (operation.path("security").isEmpty()) {
				return;
			}
			String method = key.substring(0, key.indexOf(' '));
			String path = key.substring(key.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
			expect(mismatches, key + " without a key", call(method, path, null), 401);
			List<String> roles = new ArrayList<>();
			operation.path("x-herald-roles").forEach(role -> roles.add(role.asString()));
			keys.forEach((role, roleKey) -> {
				if (!roles.contains(role)) {
					expect(mismatches, key + " as " + role, call(method, path, roleKey), 403);
				}
			});
		});
		assertThat(mismatches).isEmpty();
	}

	/** Every example names an operation of the document, and validates against the schema it illustrates. */
	@Test
	void examplesValidateAgainstTheirSchemas() throws IOException {
		JsonNode document = served();
		Map<String, JsonNode> operations = operations(document);
		JsonNode examples = Api.JSON.readTree(getClass().getResourceAsStream("/openapi/examples.json"));
		examples.propertyNames().forEach(key -> assertThat(operations).as("examples.json names " + key).containsKey(key));
		assertThat(examples.propertyNames()).as("the README walkthrough's operations have examples").containsAll(List.of(
				"POST /api/v1/merchants", "POST /api/v1/stations", "POST /api/v1/orders",
				"GET /api/v1/stations/{stationId}/orders", "POST /api/v1/orders/{orderId}/stocking",
				"GET /api/v1/orders/{orderId}/notifications", "POST /api/v1/webhooks/subscriptions"));
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
		List<String> invalid = new ArrayList<>();
		int[] validated = { 0 };
		operations.forEach((key, operation) -> {
			List<JsonNode> mediaTypes = new ArrayList<>();
			operation.at("/requestBody/content").forEach(mediaTypes::add);
			operation.path("responses").forEach(response -> response.path("content").forEach(mediaTypes::add));
			for (JsonNode mediaType : mediaTypes) {
				if (mediaType.has("example")) {
					ObjectNode schema = ((ObjectNode) mediaType.path("schema")).deepCopy();
					schema.set("components", document.path("components"));
					registry.getSchema(schema)
						.validate(mediaType.path("example"))
						.forEach(error -> invalid.add(key + ": " + error));
					validated[0]++;
				}
			}
		});
		assertThat(invalid).isEmpty();
		// each example of the file is in the document: none left out for a status or body the operation lacks
		int inFile = 0;
		for (JsonNode example : examples) {
			inFile += (example.has("request") ? 1 : 0) + example.path("responses").size();
		}
		assertThat(validated[0]).as("examples in the document").isEqualTo(inFile);
		// the schema-level example of the shared problem, too
		ObjectNode problem = ((ObjectNode) document.at("/components/schemas/ProblemDetail")).deepCopy();
		JsonNode example = problem.path("example");
		problem.set("components", document.path("components"));
		assertThat(registry.getSchema(problem).validate(example)).isEmpty();
	}

	private Api.Response call(String method, String path, String key) {
		return switch (method) {
			case "GET" -> api.get(path, key);
			case "POST" -> api.post(path, key, "{}");
			case "PUT" -> api.put(path, key, "{}");
			case "DELETE" -> api.delete(path, key);
			default -> throw new IllegalArgumentException(method);
		};
	}

	private static void expect(List<String> mismatches, String what, Api.Response response, int status) {
		if (response.status() != status || !response.contentType().startsWith("application/problem+json")) {
			mismatches.add(what + ": expected " + status + " problem+json, got " + response);
		}
	}

	/** Every operation of the document by "METHOD path". */
	static Map<String, JsonNode> operations(JsonNode document) {
		Map<String, JsonNode> operations = new java.util.TreeMap<>();
		document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
			if (List.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
				operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
			}
		}));
		return operations;
	}

	/** The tree with every array sorted, so that an order that does not matter does not count as a difference. */
	private static JsonNode canonical(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = Api.JSON.createObjectNode();
			new TreeSet<>(node.propertyNames()).forEach(name -> copy.set(name, canonical(node.get(name))));
			return copy;
		}
		if (node.isArray()) {
			List<JsonNode> items = new ArrayList<>();
			node.forEach(item -> items.add(canonical(item)));
			items.sort((a, b) -> a.toString().compareTo(b.toString()));
			ArrayNode copy = Api.JSON.createArrayNode();
			items.forEach(copy::add);
			return copy;
		}
		return node;
	}

	/** Where the two trees differ, as JSON pointers with what each side has there. */
	private static void compare(String at, JsonNode committed, JsonNode served, List<String> differences) {
		if (committed.isObject() && served.isObject()) {
			TreeSet<String> names = new TreeSet<>(committed.propertyNames());
			names.addAll(served.propertyNames());
			for (String name : names) {
				String pointer = at + "/" + name.replace("~", "~0").replace("/", "~1");
				if (!committed.has(name)) {
					differences.add(pointer + ": only in the application's document");
				}
				else if (!served.has(name)) {
					differences.add(pointer + ": only in " + COMMITTED);
				}
				else {
					compare(pointer, committed.get(name), served.get(name), differences);
				}
			}
		}
		else if (!committed.equals(served)) {
			differences.add(at + ": " + COMMITTED + " has " + abbreviated(committed) + ", the application "
					+ abbreviated(served));
		}
	}

	private static String abbreviated(JsonNode node) {
		String text = node.toString();
		return text.length() > 200 ? text.substring(0, 200) + "..." : text;
	}

}
