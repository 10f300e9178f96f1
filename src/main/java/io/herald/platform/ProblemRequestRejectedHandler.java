package io.herald.platform;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's request firewall refused the request (an encoded period or slash, {@code //}, {@code ;}, a
 * backslash, control or non-ASCII characters in the path, a header it does not allow): 400 problem+json of type
 * {@code request-rejected} naming what was refused. A browser on a page outside {@code /api/} gets the HTML error
 * page.
 */
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		if (Problems.wantsPage(request)) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		// the firewall's messages name the rule and at most the offending fragment, never anything of the server
		Problems.write(response, HttpServletResponse.SC_BAD_REQUEST, "request-rejected", "Request rejected",
				rejected.getMessage());
	}

}
