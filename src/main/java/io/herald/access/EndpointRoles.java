package io.herald.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The {@link Allowed} declaration of every API endpoint, read once at startup from what Spring MVC maps, and found
 * again for a request by its HTTP method and path. Building it fails when an {@code /api/} handler method has no
 * declaration, or a contradictory one.
 * <p>
 * A request is matched by its HTTP method and path against the API's own patterns for that method (Spring MVC's
 * parsed {@link PathPattern}s of these mappings, the most specific first, as Spring MVC ranks them), with its path
 * parsed once. Asking Spring MVC's handler mapping itself which handler it will pick walks every mapping of the
 * application: measured on a stocking report, about 15 µs a request, against 7 to 8 µs for the URL rules this
 * replaces and 2 to 4 µs for this index (a shared two-core machine, so only the ratios mean much). Among the API's
 * endpoints method and path decide (a test holds this index to Spring MVC's choice): where two share them and differ
 * only in what they consume or produce, a request gets what both allow; a request whose content type or accepted
 * types fit no endpoint is refused by role (403) before Spring MVC would answer 415 or 406, as the URL rules did.
 */
final class EndpointRoles {

	/** The paths of the API, which authenticates by key; the rest are pages with sessions or none. */
	static final String API = "/api/";

	/** Per HTTP method name, the API's patterns for it, the most specific first. */
	private final Map<String, Endpoint[]> byHttpMethod;

	private EndpointRoles(Map<String, Endpoint[]> byHttpMethod) {
		this.byHttpMethod = byHttpMethod;
	}

	/**
	 * Reads the declarations of the API's handler methods (those with a path under {@code /api/}).
	 * @param handlerMethods what Spring MVC maps, as {@code RequestMappingHandlerMapping.getHandlerMethods()} lists it
	 * @throws IllegalStateException naming every API handler method without a declaration or with a contradictory one
	 */
	static EndpointRoles of(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
		Map<String, Map<PathPattern, Rule>> byHttpMethod = new HashMap<>();
		Set<String> undeclared = new TreeSet<>();
		Set<String> contradictory = new TreeSet<>();
		handlerMethods.forEach((info, handler) -> {
			if (info.getPatternValues().stream().noneMatch(pattern -> pattern.startsWith(API))) {
				return;
			}
			Allowed allowed = declaration(handler);
			String name = handler.getBeanType().getName() + "." + handler.getMethod().getName() + " "
					+ info.getPatternValues();
			if (allowed == null) {
				undeclared.add(name);
			}
			else if (allowed.withoutKey() == (allowed.value().length > 0)) {
				contradictory.add(name);
			}
			else if (info.getPathPatternsCondition() == null) {
				throw new IllegalStateException("Spring MVC maps " + name + " without parsed path patterns "
						+ "(PathPatternParser), which the API's authorization matches requests with");
			}
			else {
				Rule rule = Rule.of(allowed);
				for (String httpMethod : httpMethods(info)) {
					Map<PathPattern, Rule> patterns = byHttpMethod.computeIfAbsent(httpMethod, m -> new HashMap<>());
					for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
						patterns.merge(pattern, rule, (one, other) -> Rule.strictest(List.of(one, other)));
					}
				}
			}
		});
		if (!undeclared.isEmpty() || !contradictory.isEmpty()) {
			throw new IllegalStateException("Every API endpoint declares who may call it, next to it: @"
					+ Allowed.class.getName() + "(roles) or @Allowed(withoutKey = true) on the handler method or its "
					+ "controller." + (undeclared.isEmpty() ? "" : " Without a declaration: " + undeclared + ".")
					+ (contradictory.isEmpty() ? "" : " Roles and withoutKey together, or neither: " + contradictory
							+ "."));
		}
		Map<String, Endpoint[]> index = new HashMap<>();
		byHttpMethod.forEach((httpMethod, patterns) -> index.put(httpMethod, patterns.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(PathPattern.SPECIFICITY_COMPARATOR))
			.map(entry -> new Endpoint(entry.getKey(), entry.getValue()))
			.toArray(Endpoint[]::new)));
		return new EndpointRoles(Map.copyOf(index));
	}

	/** The method's own declaration, else its controller's. */
	static Allowed declaration(HandlerMethod handler) {
		Allowed own = handler.getMethodAnnotation(Allowed.class);
		return own != null ? own : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Allowed.class);
	}

	/**
	 * The HTTP methods a mapping answers, as Spring MVC matches them: HEAD where it answers GET, and every method but
	 * OPTIONS (which Spring MVC answers itself) where it names none.
	 */
	private static Set<String> httpMethods(RequestMappingInfo info) {
		Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
		Set<String> methods = new TreeSet<>();
		for (RequestMethod method : declared.isEmpty() ? EnumSet.complementOf(EnumSet.of(RequestMethod.OPTIONS))
				: declared) {
			methods.add(method.name());
		}
		if (declared.contains(RequestMethod.GET)) {
			methods.add(RequestMethod.HEAD.name());
		}
		return methods;
	}

	/**
	 * The rule of the endpoint that serves this request; null when no API endpoint has its path and HTTP method (a
	 * 404 or 405 for any valid key).
	 */
	Rule of(HttpServletRequest request) {
		Endpoint[] endpoints = byHttpMethod.get(request.getMethod());
		if (endpoints == null) {
			return null;
		}
		RequestPath path = ServletRequestPathUtils.hasParsedRequestPath(request)
				? ServletRequestPathUtils.getParsedRequestPath(request) : ServletRequestPathUtils.parse(request);
		PathContainer within = path.pathWithinApplication();
		for (Endpoint endpoint : endpoints) {
			if (endpoint.pattern().matches(within)) {
				return endpoint.rule();
			}
		}
		return null;
	}

	private record Endpoint(PathPattern pattern, Rule rule) {
	}

	/**
	 * Who may call one endpoint.
	 * @param withoutKey no key needed: the endpoint authenticates its callers itself
	 * @param authorities the authorities ({@code ROLE_...}) of the roles whose keys may call it
	 */
	record Rule(boolean withoutKey, Set<String> authorities) {

		static Rule of(Allowed allowed) {
			return new Rule(allowed.withoutKey(), Arrays.stream(allowed.value())
				.map(role -> "ROLE_" + role.name())
				.collect(Collectors.toUnmodifiableSet()));
		}

		/** Only what every one of them allows: of endpoints that cannot be told apart, none is opened by another. */
		static Rule strictest(List<Rule> rules) {
			Set<String> authorities = null;
			for (Rule rule : rules) {
				if (!rule.withoutKey()) {
					if (authorities == null) {
						authorities = new TreeSet<>(rule.authorities());
					}
					else {
						authorities.retainAll(rule.authorities());
					}
				}
			}
			return authorities == null ? rules.get(0) : new Rule(false, Set.copyOf(authorities));
		}

		/** Whether this authenticated caller has one of the roles. */
		boolean grants(Authentication authentication) {
			for (GrantedAuthority authority : authentication.getAuthorities()) {
				if (authorities.contains(authority.getAuthority())) {
					return true;
				}
			}
			return false;
		}

	}

}
