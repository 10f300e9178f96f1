package io.herald.platform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Writes Herald's error answers into the API document: one shared RFC 9457 schema ({@code ProblemDetail}, with the
 * {@code errors} of a validation failure), and per API operation the statuses it can really answer, as
 * {@code application/problem+json}. Most follow from the operation's shape, as the code that answers them does:
 * <ul>
 * <li>400 where there is something to validate (parameters or a body: {@link ProblemDetailsAdvice});</li>
 * <li>404 where the path names something that is looked up;</li>
 * <li>413 and 415 where there is a body ({@link RequestSizeLimitFilter}, Spring MVC's content negotiation);</li>
 * <li>429 where a key is needed (the rate limits per key, when configured);</li>
 * <li>503 with Retry-After everywhere: every operation needs the database ({@link DatabaseUnavailableAdvice}), and
 * the intake and the live streams are also refused under back-pressure.</li>
 * </ul>
 * What the shape cannot tell (which changes can conflict with the current state) is listed by hand in
 * {@link #CONFLICTS}: keep it in step when an operation is added, moved or starts to refuse (an entry whose operation
 * is gone is ignored). 401 and 403 are the access module's part,
 * taken from the same
 * declarations its security chain enforces. Afterwards the {@link ApiExamples} are attached.
 */
@Component
class ApiErrorDocumentation implements OpenApiCustomizer, Ordered {

	static final String PROBLEM = "ProblemDetail";

	/** Changes a conflict with the current state refuses (409): transitions, idempotency keys, unique names. */
	static final Set<String> CONFLICTS = Set.of("POST /api/v1/orders", "POST /api/v1/orders/{id}/cancellation",
			"POST /api/v1/orders/{id}/assignment", "POST /api/v1/orders/{orderId}/stocking",
			"POST /api/v1/orders/{orderId}/stocking/correction", "POST /api/v1/merchants", "POST /api/v1/accounts",
			"POST /api/v1/routes", "POST /api/v1/routes/split", "POST /api/v1/routes/{id}/start",
			"POST /api/v1/routes/{id}/stops/{orderId}/outcome", "POST /api/v1/routes/{id}/replan",
			"POST /api/v1/routes/{id}/positions", "POST /api/v1/notifications/{id}/redrive",
			"POST /api/v1/deliveries/{id}/redrive");

	/** Statuses an operation answers beyond what its shape and its security say. */
	static final Map<String, List<String>> OTHERS = Map.of("POST /api/v1/sms/receipts", List.of("401", "404"));

	private static final Map<String, String> DESCRIPTIONS = Map.of("400",
			"Invalid request: a parameter or field failed validation (see errors), or the body is not readable JSON",
			"401", "Not authenticated", "403", "Forbidden", "404", "Not found (or not visible to this caller)", "409",
			"Conflict with the current state (type names which); nothing was changed", "413",
			"Request body larger than herald.api.max-request-bytes", "415", "Unsupported Content-Type", "429",
			"This key's rate limit is used up: try again after Retry-After seconds (RateLimit and RateLimit-Policy say "
					+ "how much is left); nothing was changed",
			"503", "Busy (intake back-pressure, stream limits) or the database unavailable, read-only or full: try again "
					+ "after Retry-After seconds; nothing was changed");

	static {
		// a Jackson tree in a request or answer is free JSON (a GeoJSON geometry where a service area is meant), not
		// the bean that introspecting JsonNode would describe; a stream is text/event-stream, not an SseEmitter
		SpringDocUtils.getConfig()
			.replaceWithSchema(tools.jackson.databind.JsonNode.class,
					new ObjectSchema().description("A JSON object (a GeoJSON Polygon or MultiPolygon for a service area)"))
			.replaceWithSchema(SseEmitter.class, new StringSchema()
				.description("Server-sent events (text/event-stream); each event's data is a JSON object with its type"));
	}

	private final ApiExamples examples;

	ApiErrorDocumentation() {
		this.examples = ApiExamples.load();
	}

	/** After the access module's customisers, whose 401 and 403 are given their problem content here too. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customise(OpenAPI openApi) {
		Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
		components.addSchemas("FieldProblem", new ObjectSchema().description("One field that failed validation")
			.addProperty("field", new StringSchema().description("The field or parameter, e.g. items[0].quantity"))
			.addProperty("message", new StringSchema().description("What is wrong with it"))
			.required(List.of("field", "message")));
		components.addSchemas(PROBLEM, problemSchema());
		openApi.setComponents(components);
		openApi.setTags(distinct(openApi.getTags()));
		if (openApi.getPaths() != null) {
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> document(key(method, path), path, operation)));
		}
		examples.attach(openApi);
	}

	private static void document(String key, String path, Operation operation) {
		if (!path.startsWith("/api/")) {
			return; // pages answer their errors as pages
		}
		ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		boolean body = operation.getRequestBody() != null;
		if (body || (operation.getParameters() != null && !operation.getParameters().isEmpty())) {
			responses.putIfAbsent("400", new ApiResponse());
		}
		if (path.contains("{")) {
			responses.putIfAbsent("404", new ApiResponse());
		}
		if (body) {
			responses.putIfAbsent("413", new ApiResponse());
			responses.putIfAbsent("415", new ApiResponse());
		}
		if (CONFLICTS.contains(key)) {
			responses.putIfAbsent("409", new ApiResponse());
		}
		if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
			responses.putIfAbsent("429", withRetryAfter());
		}
		responses.putIfAbsent("503", withRetryAfter());
		OTHERS.getOrDefault(key, List.of()).forEach(status -> responses.putIfAbsent(status, new ApiResponse()));
		responses.forEach((status, response) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				if (response.getDescription() == null) {
					response.setDescription(DESCRIPTIONS.getOrDefault(status, "Error"));
				}
				if (response.getContent() == null || response.getContent().isEmpty()) {
					response.setContent(new Content().addMediaType("application/problem+json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
				}
			}
		});
		operation.setResponses(sorted(responses));
	}

	private static ApiResponse withRetryAfter() {
		return new ApiResponse().addHeaderObject("Retry-After", new io.swagger.v3.oas.models.headers.Header()
			.description("Seconds to wait before trying again")
			.schema(new IntegerSchema()));
	}

	private static Schema<?> problemSchema() {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "urn:herald:problem:validation");
		example.put("title", "Invalid request");
		example.put("status", 400);
		example.put("detail", "1 field(s) failed validation");
		example.put("instance", "/api/v1/orders");
		example.put("errors", List.of(Map.of("field", "items[0].quantity", "message", "must be greater than 0")));
		// a plain schema: ObjectSchema would write its example as a string
		return new Schema<Object>().type("object").description("An error, as RFC 9457 problem details (application/problem+json). "
				+ "The type is stable (urn:herald:problem:<name>); clients decide by it, not by the title or detail.")
			.addProperty("type", new StringSchema().format("uri").description("urn:herald:problem:<name>"))
			.addProperty("title", new StringSchema().description("A short summary of the problem type"))
			.addProperty("status", new IntegerSchema().description("The HTTP status"))
			.addProperty("detail", new StringSchema().description("What went wrong with this request"))
			.addProperty("instance", new StringSchema().format("uri-reference").description("The request's path"))
			.addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldProblem"))
				.description("Validation failures, one per field (type urn:herald:problem:validation)"))
			.addProperty("retryAfterSeconds", new IntegerSchema()
				.description("With 429 and 503: seconds to wait, as in the Retry-After header"))
			.required(List.of("type", "title", "status"))
			.example(example);
	}

	/** Tags declared by several controllers once (the generator refuses a repeated tag), the first description kept. */
	private static List<Tag> distinct(List<Tag> tags) {
		if (tags == null) {
			return null;
		}
		Map<String, Tag> byName = new LinkedHashMap<>();
		tags.forEach(tag -> byName.putIfAbsent(tag.getName(), tag));
		return List.copyOf(byName.values());
	}

	private static ApiResponses sorted(ApiResponses responses) {
		ApiResponses sorted = new ApiResponses();
		responses.keySet().stream().sorted().forEach(status -> sorted.addApiResponse(status, responses.get(status)));
		return sorted;
	}

	/** The key of an operation in {@link #CONFLICTS} and the examples. */
	static String key(PathItem.HttpMethod method, String path) {
		return method.name() + " " + path;
	}

}
