package io.herald.access;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards what a customer does on the pages their link opens (a POST such as the choice after a stocking failure,
 * which can cancel the order). The link's token is the customer's authorization there, so:
 * <ul>
 * <li>a request sent by another site is refused: the browser says so ({@code Sec-Fetch-Site}) or its {@code Origin}
 * is not this server's. There is no cookie for a forged request to ride on, but a page that learned a token must not
 * be able to make a visitor's browser use it;</li>
 * <li>a request that comes with staff credentials (an API key, or a signed-in session of the station app or console)
 * is refused: staff act through their own pages and APIs, never as the customer, so a station that got hold of a
 * customer's link cannot answer for them from its signed-in browser or with its key.</li>
 * </ul>
 * Reading pages (GET) stays open to whoever has the link.
 */
class CustomerActionGuard extends OncePerRequestFilter {

	private final Optional<String> publicOrigin;

	/** @param publicUrl where customers reach Herald ({@code herald.notifications.public-url}) */
	CustomerActionGuard(String publicUrl) {
		this.publicOrigin = publicUrl == null || publicUrl.isBlank() ? Optional.empty() : origin(publicUrl);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (crossSite(request)) {
			refuse(response, "This form was sent from another site; open your tracking link and choose there.");
			return;
		}
		if (staff(request)) {
			refuse(response, "Signed in as station or operator staff, or with an API key: only the customer can "
					+ "answer here. Sign out, or use the station app or console.");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The browser's own word ({@code Sec-Fetch-Site}, sent by every current browser) decides; without it, an
	 * {@code Origin} must be this server as the request reached it or as customers reach it (the public URL of the
	 * links: behind a proxy the two differ). A request with neither (an old browser, a script holding the link) cannot
	 * be told apart and is let through: the token it needs is the authorization.
	 */
	private boolean crossSite(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			return !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none");
		}
		String origin = request.getHeader("Origin");
		if (origin == null) {
			return false;
		}
		String own = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
		Optional<String> presented = origin(origin);
		return presented.isEmpty() || !(presented.equals(origin(own)) || presented.equals(publicOrigin));
	}

	/** scheme://host:port in lower case with the port spelled out, or empty for "null" and anything unreadable. */
	private static Optional<String> origin(String url) {
		try {
			URI uri = URI.create(url.trim());
			if (uri.getScheme() == null || uri.getHost() == null) {
				return Optional.empty();
			}
			String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
			int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
			return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}

	private static boolean staff(HttpServletRequest request) {
		if (request.getHeader("Authorization") != null || request.getHeader("X-Api-Key") != null) {
			return true;
		}
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(
				HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
				&& context.getAuthentication() != null && context.getAuthentication().isAuthenticated();
	}

	private static void refuse(HttpServletResponse response, String why) throws IOException {
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType("text/plain;charset=UTF-8");
		response.getOutputStream().write(why.getBytes(StandardCharsets.UTF_8));
	}

}
