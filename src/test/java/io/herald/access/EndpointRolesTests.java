package io.herald.access;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Reading the {@link Allowed} declarations: every API endpoint has one, or the application does not start. */
class EndpointRolesTests {

	@Test
	void anApiEndpointWithoutADeclarationFailsStartup() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EndpointRoles.of(mappings(new Undeclared(), "/api/v1/open", "/pages/open")))
			.withMessageContaining(Undeclared.class.getName() + ".open [/api/v1/open]")
			.withMessageNotContaining("/pages/open")
			.withMessageContaining("@" + Allowed.class.getName());
	}

	@Test
	void rolesAndNoKeyTogetherFailStartup() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EndpointRoles.of(mappings(new Contradictory(), "/api/v1/both")))
			.withMessageContaining(Contradictory.class.getName() + ".both");
	}

	@Test
	void pagesOutsideTheApiNeedNoDeclaration() {
		EndpointRoles roles = EndpointRoles.of(mappings(new Undeclared(), "/console/open"));
		assertThat(roles.of(get("/console/open"))).isNull();
	}

	@Test
	void theMethodsDeclarationWinsOverItsControllers() {
		EndpointRoles roles = EndpointRoles.of(mappings(new Declared(), "/api/v1/station-only", "/api/v1/{name}",
				"/api/v1/receipts"));
		EndpointRoles.Rule stationOnly = roles.of(get("/api/v1/station-only"));
		EndpointRoles.Rule shared = roles.of(get("/api/v1/anything"));
		assertThat(stationOnly.grants(caller(Role.STATION))).isTrue();
		assertThat(stationOnly.grants(caller(Role.ADMIN))).isFalse();
		assertThat(shared.grants(caller(Role.ADMIN))).isTrue();
		assertThat(shared.grants(caller(Role.MERCHANT))).isTrue();
		assertThat(shared.grants(caller(Role.STATION))).isFalse();
		assertThat(roles.of(get("/api/v1/receipts")).withoutKey()).isTrue();
		// HEAD is answered where GET is; no API endpoint takes this POST
		assertThat(roles.of(new MockHttpServletRequest("HEAD", "/api/v1/station-only"))).isSameAs(stationOnly);
		assertThat(roles.of(new MockHttpServletRequest("POST", "/api/v1/station-only"))).isNull();
	}

	@Test
	void endpointsThatCannotBeToldApartAllowOnlyWhatEachAllows() {
		var strictest = EndpointRoles.Rule.strictest(List.of(rule(Role.ADMIN, Role.STATION), rule(Role.STATION),
				new EndpointRoles.Rule(true, Set.of())));
		assertThat(strictest.withoutKey()).isFalse();
		assertThat(strictest.grants(caller(Role.STATION))).isTrue();
		assertThat(strictest.grants(caller(Role.ADMIN))).isFalse();
	}

	private static EndpointRoles.Rule rule(Role... roles) {
		return new EndpointRoles.Rule(false, Arrays.stream(roles)
			.map(role -> "ROLE_" + role)
			.collect(Collectors.toUnmodifiableSet()));
	}

	private static Authentication caller(Role role) {
		return new UsernamePasswordAuthenticationToken(new Caller(null, role, null, null), null,
				List.of(new SimpleGrantedAuthority("ROLE_" + role.name())));
	}

	/** One GET mapping per path, to the controller's methods in the order they are declared. */
	private static Map<RequestMappingInfo, HandlerMethod> mappings(Object controller, String... paths) {
		Map<RequestMappingInfo, HandlerMethod> mappings = new LinkedHashMap<>();
		Method[] methods = Arrays.stream(controller.getClass().getDeclaredMethods())
			.filter(m -> !m.isSynthetic())
			.sorted(Comparator.comparing(Method::getName))
			.toArray(Method[]::new);
		for (int i = 0; i < paths.length; i++) {
			Method method = methods.length == 1 ? methods[0] : byPath(methods, paths[i]);
			mappings.put(RequestMappingInfo.paths(paths[i]).methods(RequestMethod.GET).build(),
					new HandlerMethod(controller, method));
		}
		return mappings;
	}

	/** The method whose name is the path's last segment, in camel case. */
	private static Method byPath(Method[] methods, String path) {
		String last = path.substring(path.lastIndexOf('/') + 1).replace("{name}", "shared");
		String name = Pattern.compile("-(.)").matcher(last).replaceAll(m -> m.group(1).toUpperCase());
		return Arrays.stream(methods).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
	}

	private static MockHttpServletRequest get(String path) {
		return new MockHttpServletRequest("GET", path);
	}

	static class Undeclared {

		String open() {
			return "";
		}

	}

	static class Contradictory {

		@Allowed(value = Role.ADMIN, withoutKey = true)
		String both() {
			return "";
		}

	}

	@Allowed({ Role.ADMIN, Role.MERCHANT })
	static class Declared {

		@Allowed(Role.STATION)
		String stationOnly() {
			return "";
		}

		String shared() {
			return "";
		}

		@Allowed(withoutKey = true)
		String receipts() {
			return "";
		}

	}

}
