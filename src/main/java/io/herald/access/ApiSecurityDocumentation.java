package io.herald.access;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes into the API document (/v3/api-docs) who may call each operation, from the same {@link Allowed}
 * declarations the API's security chain enforces, so that the document cannot promise other rules than the server
 * keeps: the bearer key as the operation's security requirement, the roles as {@code x-herald-roles} and in words,
 * and the 401 and 403 answers of the chain. Operations outside {@code /api/} (pages a customer opens from a message)
 * and those {@code withoutKey} get no requirement. The session cookie of the station app and the console is declared
 * as a scheme so that clients know it exists, but no documented operation accepts it: the API is stateless.
 */
@Component
class ApiSecurityDocumentation implements OperationCustomizer, OpenApiCustomizer {

	/** The security scheme of {@code Authorization: Bearer <key>}. */
	static final String BEARER = "apiKey";

	/** The same key in the {@code X-Api-Key} header, for clients that cannot set Authorization. */
	static final String HEADER = "apiKeyHeader";

	static final String SESSION = "session";

	/** The shared problem+json schema, declared by the platform module's part of the document. */
	private static final String PROBLEM = "#/components/schemas/ProblemDetail";

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		Allowed allowed = EndpointRoles.declaration(handler);
		if (allowed == null || allowed.withoutKey()) {
			// outside the API (no declaration: the application would not start with an /api/ handler without one),
			// or an endpoint that checks its caller itself: no key in any case
			operation.setSecurity(List.of());
			return operation;
		}
		List<String> roles = Arrays.stream(allowed.value()).map(Role::name).toList();
		operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(HEADER)));
		operation.addExtension("x-herald-roles", roles);
		String who = "Who may call: " + Arrays.stream(allowed.value()).map(ApiSecurityDocumentation::words)
			.collect(Collectors.joining(", ")) + " (API key of that role).";
		operation.setDescription(operation.getDescription() == null || operation.getDescription().isBlank() ? who
				: operation.getDescription() + "\n\n" + who);
		ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
		responses.addApiResponse("401", problem("No API key, or one that is unknown, revoked or expired"));
		responses.addApiResponse("403", problem("The key's role may not call this operation, or the object is not the caller's to change"));
		operation.setResponses(responses);
		return operation;
	}

	@Override
	public void customise(OpenAPI openApi) {
		Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
		components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.description("An API key of an operator (ADMIN), a merchant or a station: `Authorization: Bearer <key>`. "
					+ "Keys are shown once, when issued (operators: POST /api/v1/merchants, POST /api/v1/stations, "
					+ "their /keys; the first operator key from herald.security.bootstrap-admin-key)."));
		components.addSecuritySchemes(HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
			.in(SecurityScheme.In.HEADER)
			.name("X-Api-Key")
			.description("The same API key in the X-Api-Key header, for clients that cannot set Authorization."));
		components.addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
			.in(SecurityScheme.In.COOKIE)
			.name("HERALD_SESSION")
			.description("The session of a signed-in person (POST /login with an account's name and password) for the "
					+ "station app (/station, role STATION) and the operator console (/console, role ADMIN). Those are "
					+ "pages, not part of this document; no operation here accepts the cookie: the API takes keys only."));
		openApi.setComponents(components);
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(new Schema<>().$ref(PROBLEM))));
	}

	private static String words(Role role) {
		return switch (role) {
			case ADMIN -> "operator (ADMIN)";
			case MERCHANT -> "merchant (MERCHANT)";
			case STATION -> "station (STATION)";
		};
	}

}
