package io.herald.access;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

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

	private static boolean crossSite(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
			return true;
		}
		String origin = request.getHeader("Origin");
		if (origin == null) {
			return false;
		}
		try {
			URI uri = URI.create(origin);
			int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
			return uri.getScheme() == null || uri.getHost() == null
					|| !uri.getScheme().equalsIgnoreCase(request.getScheme())
					|| !uri.getHost().toLowerCase(Locale.ROOT).equals(request.getServerName().toLowerCase(Locale.ROOT))
					|| port != request.getServerPort();
		}
		catch (IllegalArgumentException e) {
			// "null" (a sandboxed or privacy-sensitive context) and anything unreadable are not this site
			return true;
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
