package io.herald.platform;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API document's own description (/v3/api-docs). The server is fixed rather than taken from the request, as
 * springdoc would, so that the document is the same wherever it is read and can be committed (docs/openapi.json)
 * and a client generated from it.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentConfiguration {

	@Bean
	OpenAPI heraldApiDocument() {
		return new OpenAPI().info(new Info().title("Herald API")
			.version("v1")
			.license(new License().name("Apache-2.0").identifier("Apache-2.0"))
			.description("""
					Keeps customers informed about their orders: intake, stocking reports, routes, notifications \
					over webhook, email, SMS and live streams.

					Authenticate with an API key: `Authorization: Bearer <key>` (or `X-Api-Key: <key>`). Each \
					operation says which roles' keys may call it (`x-herald-roles`: ADMIN for operators, MERCHANT, \
					STATION). Every error is RFC 9457 `application/problem+json` (schema `ProblemDetail`) with a \
					stable `type` (`urn:herald:problem:<name>`); a refused request changes nothing."""))
			.servers(List.of(new Server().url("http://localhost:8080").description("Herald started locally")));
	}

}
