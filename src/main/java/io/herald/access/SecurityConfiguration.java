package io.herald.access;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;

import io.herald.access.ratelimit.RateLimitFilter;
import io.herald.access.ratelimit.RateLimits;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.json.JsonMapper;

/**
 * The API is stateless: every request carries its key, no session, no cookies, and so no CSRF exposure. Failures are
 * answered as problem+json like every other error.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * No observation (metrics, spans) around each of Spring Security's filters, nor around authentication and
	 * authorization: profiled on a single stocking report, the wrapping cost more than the report's own work, and
	 * {@code http.server.requests} still times every request.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys,
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers, RateLimits rateLimits,
			MeterRegistry meters) throws Exception {
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// nothing of a browser's sign-in flow: no saved request to return to, no logout URL, no anonymous token
			// (an unauthenticated request is refused by the entry point below all the same) and no servlet-API
			// wrapper around each request (no API code asks the request for its user or roles). Each was a filter,
			// or a wrapper every later call goes through, on every single stocking report (issue 10).
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable())
			.anonymous(anonymous -> anonymous.disable())
			.servletApi(servletApi -> servletApi.disable())
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys), AuthorizationFilter.class)
			// per key, in memory (access.ratelimit): a noisy caller is refused before its request costs anything
			.addFilterAfter(RateLimitFilter.perKey(rateLimits, meters), ApiKeyAuthenticationFilter.class)
			// roles are checked here, before a body is read or validated, so a wrong key never learns about validation;
			// each endpoint declares them next to it (@Allowed)
			.authorizeHttpRequests(authorize -> authorize
				// an ASYNC dispatch only finishes a request that was authorized when it came in (a server-sent event
				// stream ending). It does not always find the caller again: when the client has gone, the container's
				// error notification can dispatch it without the request's security context, and a refusal then
				// fails on the already committed stream.
				.dispatcherTypeMatchers(DispatcherType.ASYNC)
				.permitAll()
				.anyRequest()
				.access(new EndpointAuthorizationManager(handlers)))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, e) -> problem(response, 401, "unauthenticated",
						"Authentication required",
						"Present a valid API key as 'Authorization: Bearer <key>'"))
				.accessDeniedHandler((request, response, e) -> problem(response, 403, "forbidden", "Forbidden",
						"This key's role may not do this")));
		headersEagerly(http);
		return http.build();
	}

	/**
	 * Pages customers open from their messages without logging in: the link's token is the authorization. A strict
	 * Content-Security-Policy (only this origin's scripts, styles and connections; tiles from the configured map tile
	 * server), no framing, no referrer leaving the page (the URL holds the token).
	 */
	@Bean
	@Order(2)
	SecurityFilterChain customerPages(HttpSecurity http,
			@Value("${herald.tracking.tile-url:}") String tileUrl,
			@Value("${herald.notifications.public-url:http://localhost:8080}") String publicUrl, RateLimits rateLimits,
			MeterRegistry meters) throws Exception {
		String tiles = tileUrl == null || tileUrl.isBlank() ? "" : " " + URI.create(tileUrl.replace("{", "").replace("}", ""))
			.resolve("/").toString().replaceAll("/$", "");
		http.securityMatcher("/track/**", "/tracking/**", "/unsubscribe")
			// no session, so no CSRF token: the link's token authorizes, and the guard refuses other sites and staff
			.csrf(csrf -> csrf.disable())
			.addFilterBefore(new CustomerActionGuard(publicUrl), AuthorizationFilter.class)
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:" + tiles
						+ "; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
						+ "form-action 'self'; base-uri 'none'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
			.addFilterBefore(RateLimitFilter.perTrackingToken(rateLimits, meters), AuthorizationFilter.class)
			.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll());
		headersEagerly(http);
		return http.build();
	}

	/**
	 * The station app and the operator console: people sign in with an account's name and password and get a session
	 * (cookie only, never an id in the URL; HttpOnly, Secure, SameSite=Lax, set in application.properties). Forms
	 * carry a CSRF token; the Content-Security-Policy allows only this origin's scripts, styles and connections, so
	 * the pages have no inline script or style.
	 */
	@Bean
	@Order(3)
	SecurityFilterChain appPages(HttpSecurity http, AccountAuthenticationProvider accounts,
			WebAccounts webAccounts) throws Exception {
		http.securityMatcher("/", "/login", "/logout", "/station", "/station/**", "/console", "/console/**", "/app/**",
				"/webjars/chart.js/**", "/webjars/kurkle__color/**")
			// only the accounts: no parent manager to fall back to (such as Boot's generated in-memory user)
			.authenticationManager(new ProviderManager(accounts))
			.addFilterAfter(new ActiveAccountFilter(webAccounts), SecurityContextHolderFilter.class)
			.formLogin(form -> form.loginPage("/login")
				.successHandler((request, response, authentication) -> response.sendRedirect(
						request.getContextPath() + homeOf(authentication)))
				.failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
						+ (e instanceof SignInThrottledException throttled ? "/login?wait=" + throttled.seconds()
								: "/login?error")))
				.permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll())
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
			// a form sent from a page whose session has ended (its CSRF token with it): sign in again, not "forbidden"
			.exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) -> {
				if (e instanceof CsrfException
						&& (request.getRequestedSessionId() == null || !request.isRequestedSessionIdValid())) {
					response.sendRedirect(request.getContextPath() + "/login?expired");
				}
				else {
					new AccessDeniedHandlerImpl().handle(request, response, e);
				}
			}))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
						+ "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
						+ "form-action 'self'; base-uri 'none'; object-src 'none'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(permissions -> permissions.policy("geolocation=(self), camera=(), microphone=()")))
			.authorizeHttpRequests(authorize -> authorize.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/app/**", "/webjars/**", "/login")
				.permitAll()
				.requestMatchers("/station", "/station/**")
				.hasRole("STATION")
				.requestMatchers("/console", "/console/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated());
		headersEagerly(http);
		return http.build();
	}

	/**
	 * Security headers are written before the request goes on, not on its way back. A server-sent-event stream's
	 * sender threads write the response while the request thread is still leaving the filters; headers set then, on
	 * a response another thread is writing, corrupted Tomcat's header table (NullPointerException in MimeHeaders),
	 * failed the request and let the stream's writes land in a recycled response: another client's connection.
	 * {@code bench/run live} found it.
	 */
	private static void headersEagerly(HttpSecurity http) throws Exception {
		http.headers(headers -> headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
			@Override
			public <O extends HeaderWriterFilter> O postProcess(O filter) {
				filter.setShouldWriteHeadersEagerly(true);
				return filter;
			}
		}));
	}

	/**
	 * The sign-in of the station app and the console. A bean, so that Spring Boot does not also set up its default
	 * user with a generated password.
	 */
	@Bean
	AccountAuthenticationProvider accountAuthenticationProvider(WebAccounts accounts, java.time.Clock clock) {
		return new AccountAuthenticationProvider(accounts, clock);
	}

	/** Where a person lands after signing in: the station app or the console. */
	static String homeOf(Authentication authentication) {
		return authentication != null && authentication.getPrincipal() instanceof Caller caller
				&& caller.role() == Role.STATION ? "/station" : "/console";
	}

	/**
	 * Prometheus' scrape endpoint, behind a credential ({@link ScrapeCredentialFilter}): metrics tell merchants'
	 * volumes, queue depths and failure rates. Refused without it, 401 problem+json with {@code WWW-Authenticate}.
	 */
	@Bean
	@Order(4)
	SecurityFilterChain metricsSecurity(HttpSecurity http, ApiKeys keys, AccessSettings settings) throws Exception {
		http.securityMatcher("/actuator/prometheus", "/actuator/prometheus/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.anonymous(anonymous -> anonymous.disable())
			.addFilterBefore(new ScrapeCredentialFilter(settings.metricsToken(), keys), AuthorizationFilter.class)
			.authorizeHttpRequests(authorize -> authorize.anyRequest().hasAnyRole("METRICS"))
			.exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
				response.setHeader("WWW-Authenticate", "Bearer realm=\"herald-metrics\"");
				problem(response, 401, "unauthenticated", "Authentication required",
						"Present the scrape token (herald.security.metrics-token) or an operator key as "
								+ "'Authorization: Bearer <token>'");
			}));
		headersEagerly(http);
		return http.build();
	}

	/** Health (for probes, without details), info, the API documents; nothing else. */
	@Bean
	@Order(5)
	SecurityFilterChain publicSecurity(HttpSecurity http) throws Exception {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(authorize -> authorize
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/v3/api-docs/**",
						"/swagger-ui/**", "/swagger-ui.html", "/error")
				.permitAll()
				.anyRequest()
				.denyAll());
		headersEagerly(http);
		return http.build();
	}

	private static void problem(HttpServletResponse response, int status, String type, String title, String detail)
			throws java.io.IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JSON.writeValue(response.getOutputStream(), Map.of("type", "urn:herald:problem:" + type, "title", title,
				"status", status, "detail", detail == null ? title : detail));
	}

}
