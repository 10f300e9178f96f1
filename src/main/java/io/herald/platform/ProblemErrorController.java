package io.herald.platform;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The {@code /error} page, where the container sends what fails outside Spring MVC: Spring Security's request
 * firewall, a {@code sendError} of a filter, the entry points of the page chains, an exception escaping a filter.
 * Instead of Spring Boot's own JSON ({@code timestamp}, {@code error}, {@code path}) it answers problem+json with a
 * stable type; a browser asking for a page outside {@code /api/} still gets the HTML error page.
 */
class ProblemErrorController extends BasicErrorController {

	ProblemErrorController(ErrorAttributes attributes, ErrorProperties properties, List<ErrorViewResolver> resolvers) {
		super(attributes, properties, resolvers);
	}

	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		if (Problems.wantsPage(originalPath(request), request.getHeader(HttpHeaders.ACCEPT))) {
			return super.errorHtml(request, response);
		}
		// an /api/ request from a browser: the API's answer all the same
		try {
			int status = getStatus(request).value();
			Problems.write(response, status, Problems.typeOf(status), Problems.titleOf(status), detail(status));
		}
		catch (IOException e) {
			// the client has gone
		}
		return null;
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public ResponseEntity error(HttpServletRequest request) {
		int status = getStatus(request).value();
		if (status < 400) {
			// the error page requested directly (GET /error): nothing failed, so nothing is there
			status = 404;
		}
		// the content type is set here, so no message converter asks the Accept header (text/event-stream, XML)
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.asMap(status, Problems.typeOf(status), Problems.titleOf(status), detail(status)));
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public ResponseEntity mediaTypeNotAcceptable(HttpServletRequest request) {
		return error(request);
	}

	private static String originalPath(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return uri == null ? request.getRequestURI() : uri.toString();
	}

	/** Only a generic detail: the container's messages can repeat the request or name its internals. */
	private static String detail(int status) {
		return switch (status) {
			case 400 -> "The request is malformed and was refused before it reached Herald";
			case 401 -> "Authentication required";
			case 403 -> "Not allowed here";
			case 404 -> "Nothing is served at this path";
			case 405 -> "This method is not supported here";
			case 413 -> "The request is too large";
			default -> status >= 500 ? "An unexpected error occurred; it has been logged" : Problems.titleOf(status);
		};
	}

}
