package io.herald.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request and answer examples of the API document, kept as JSON in {@code openapi/examples.json} (by operation,
 * {@code "POST /api/v1/orders"}: {@code request} and {@code responses} by status) rather than in annotations, so
 * that the controllers stay readable and the examples read like the payloads they are.
 * {@code ApiDocumentIntegrationTests} checks that every example names an operation of the document and validates
 * against its schema.
 */
final class ApiExamples {

	static final String RESOURCE = "openapi/examples.json";

	private final Map<String, Example> byOperation;

	private ApiExamples(Map<String, Example> byOperation) {
		this.byOperation = byOperation;
	}

	static ApiExamples load() {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			Map<String, Example> examples = JsonMapper.builder().build().readValue(in,
					new TypeReference<LinkedHashMap<String, Example>>() {
					});
			return new ApiExamples(examples);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Puts each example on the JSON body of its operation's request or answer. */
	void attach(OpenAPI openApi) {
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			Example example = byOperation.get(ApiErrorDocumentation.key(method, path));
			if (example != null) {
				attach(example, operation);
			}
		}));
	}

	private static void attach(Example example, Operation operation) {
		if (example.request() != null && operation.getRequestBody() != null) {
			json(operation.getRequestBody().getContent()).setExample(example.request());
		}
		if (example.responses() != null && operation.getResponses() != null) {
			example.responses().forEach((status, body) -> {
				ApiResponse response = operation.getResponses().get(status);
				if (response != null && response.getContent() != null) {
					json(response.getContent()).setExample(body);
				}
			});
		}
	}

	/** The JSON media type of a body (problem+json for an error), else its only one. */
	private static MediaType json(Content content) {
		for (String type : new String[] { "application/json", "application/problem+json" }) {
			if (content.containsKey(type)) {
				return content.get(type);
			}
		}
		return content.values().iterator().next();
	}

	/** The examples of one operation, as plain JSON values. */
	record Example(Object request, Map<String, Object> responses) {
	}

}
