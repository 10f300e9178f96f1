package io.herald.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** The operations of the live OpenAPI document: method, path, parameters and request body, schemas resolved. */
final class OpenApiOperations {

	private OpenApiOperations() {
	}

	record Parameter(String name, String in, JsonNode schema, boolean required) {
	}

	/**
	 * @param bodyType the body's media type ({@code application/json}, {@code multipart/form-data}), or null
	 * @param eventStream whether a success is a server-sent event stream
	 */
	record Operation(String method, String path, List<Parameter> parameters, String bodyType, JsonNode bodySchema,
			boolean eventStream) {

		@Override
		public String toString() {
			return method + " " + path;
		}

	}

	static List<Operation> of(JsonNode document) {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
				JsonNode operation = entry.getValue();
				List<Parameter> parameters = new ArrayList<>();
				for (JsonNode parameter : operation.path("parameters")) {
					parameters.add(new Parameter(parameter.get("name").asString(), parameter.get("in").asString(),
							resolve(document, parameter.path("schema")), parameter.path("required").asBoolean(false)));
				}
				String bodyType = null;
				JsonNode bodySchema = null;
				JsonNode content = operation.path("requestBody").path("content");
				if (!content.isMissingNode() && !content.isEmpty()) {
					Map.Entry<String, JsonNode> first = content.properties().iterator().next();
					bodyType = first.getKey();
					bodySchema = resolve(document, first.getValue().path("schema"));
				}
				boolean eventStream = operation.path("responses").toString().contains("text/event-stream")
						|| path.getKey().endsWith("/live");
				operations.add(new Operation(entry.getKey().toUpperCase(), path.getKey(), parameters, bodyType,
						bodySchema, eventStream));
			}
		}
		return operations;
	}

	/** The schema itself, following {@code $ref} to {@code components.schemas}. */
	static JsonNode resolve(JsonNode document, JsonNode schema) {
		JsonNode current = schema;
		for (int i = 0; i < 10 && current.has("$ref"); i++) {
			String ref = current.get("$ref").asString();
			current = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
		}
		return current;
	}

}
