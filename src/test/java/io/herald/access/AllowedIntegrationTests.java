package io.herald.access;

import java.util.UUID;

import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import static io.herald.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles each endpoint declares ({@link Allowed}) are checked in the security filter chain, before the handler
 * reads the body: a key of the wrong role gets 403 whatever it sends, and never learns how the body would have been
 * judged.
 */
class AllowedIntegrationTests extends IntegrationTestBase {

	private static final String MALFORMED = "{\"ids\": [";

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	@BeforeEach
	void keys() {
		merchant = fixtures.merchant("Acme", null);
		station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
	}

	@Test
	void aWrongRoleIsRefusedBeforeTheBodyIsRead() {
		// before @Allowed this endpoint checked the role in its body, after reading the body: a station got 400
		assertProblem(api.post("/api/v1/notifications/redrive", station.key(), MALFORMED), 403, "forbidden");
		assertProblem(api.post("/api/v1/notifications/redrive", merchant.key(), MALFORMED), 400, "malformed-body");
		assertProblem(api.put("/api/v1/merchants/" + merchant.id() + "/webhook", station.key(), MALFORMED), 403,
				"forbidden");
		assertProblem(api.post("/api/v1/routes", merchant.key(), MALFORMED), 403, "forbidden");
		assertProblem(api.post("/api/v1/routes", station.key(), MALFORMED), 400, "malformed-body");
	}

	@Test
	void aWrongRoleIsRefusedWhenOnlyTheContentTypeDoesNotFit() {
		// the import takes multipart only; a JSON body would be 415, which a station key is not told
		assertProblem(api.post("/api/v1/orders/import", station.key(), "{}"), 403, "forbidden");
		assertThat(api.post("/api/v1/orders/import", merchant.key(), "{}").status()).isEqualTo(415);
	}

	@Test
	void withoutAKeyTheAnswerIs401AndPathsNoEndpointServesAre404() {
		assertProblem(api.post("/api/v1/notifications/redrive", null, MALFORMED), 401, "unauthenticated");
		assertProblem(api.get("/api/v1/nothing-here", null), 401, "unauthenticated");
		assertThat(api.get("/api/v1/nothing-here", station.key()).status()).isEqualTo(404);
	}

	@Test
	void anEndpointWithoutKeysAuthenticatesItsCallersItself() {
		// the SMS receipts take no key: the endpoint's own check of the receipt token answers
		var response = api.post("/api/v1/sms/receipts", null, "{}");
		assertProblem(response, 401, "unauthenticated");
		assertThat(response.text("detail")).contains("X-Receipt-Token");
	}

	@Test
	void eachRequestGetsTheRolesOfTheHandlerSpringMvcPicks() throws Exception {
		EndpointRoles roles = EndpointRoles.of(handlers.getHandlerMethods());
		int checked = 0;
		for (var info : handlers.getHandlerMethods().keySet()) {
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					if (!pattern.startsWith(EndpointRoles.API)) {
						continue;
					}
					var request = new MockHttpServletRequest(method.name(),
							pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
					info.getConsumesCondition().getConsumableMediaTypes().stream().findFirst()
						.ifPresent(type -> request.setContentType(type.toString()));
					info.getProducesCondition().getProducibleMediaTypes().stream().findFirst()
						.ifPresent(type -> request.addHeader("Accept", type.toString()));
					ServletRequestPathUtils.parseAndCache(request);
					var picked = (HandlerMethod) handlers.getHandler(request).getHandler();
					assertThat(roles.of(request)).as(method + " " + pattern)
						.isEqualTo(EndpointRoles.Rule.of(EndpointRoles.declaration(picked)));
					checked++;
				}
			}
		}
		assertThat(checked).isGreaterThan(50);
	}

}
