package io.herald.access;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Authorizes an API request by the {@link Allowed} declaration of the endpoint that serves it. It runs in the
 * security filter chain, so before the handler reads or validates a body. Without a key the answer is 401 (unless
 * the endpoint takes requests without one); with a key of a role the endpoint does not allow, 403. A request no
 * endpoint serves needs a valid key and then gets Spring MVC's own answer (404, 405).
 */
final class EndpointAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

	private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);

	private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

	private final EndpointRoles roles;

	/** @throws IllegalStateException when an API endpoint has no declaration, so the application does not start */
	EndpointAuthorizationManager(RequestMappingHandlerMapping handlers) {
		this.roles = EndpointRoles.of(handlers.getHandlerMethods());
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		EndpointRoles.Rule rule = roles.of(context.getRequest());
		if (rule != null && rule.withoutKey()) {
			return GRANTED;
		}
		// without a key this throws AuthenticationCredentialsNotFoundException, which the chain answers with 401
		Authentication caller = authentication.get();
		if (caller == null || !caller.isAuthenticated()) {
			return DENIED;
		}
		return rule == null || rule.grants(caller) ? GRANTED : DENIED;
	}

}
