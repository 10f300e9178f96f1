package io.herald.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The actuator answers some errors with a status and no body (an unknown health component or metric: 404): those
 * become problem+json, unless a browser asked for a page. Its other answers pass unchanged, a DOWN health's 503
 * with its JSON too.
 */
class ActuatorErrorFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/actuator/") || Problems.wantsPage(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var buffered = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, buffered);
		int status = buffered.getStatus();
		if (status >= 400 && buffered.getContentSize() == 0 && !response.isCommitted()) {
			buffered.resetBuffer();
			Problems.write(response, status, Problems.typeOf(status), Problems.titleOf(status),
					status == 404 ? "No such actuator endpoint or component" : Problems.titleOf(status));
			return;
		}
		buffered.copyBodyToResponse();
	}

}
