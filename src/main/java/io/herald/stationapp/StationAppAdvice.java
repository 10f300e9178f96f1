package io.herald.stationapp;

import jakarta.servlet.http.HttpServletResponse;

import io.herald.platform.ConflictException;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The station app's pages answer errors with a page, not problem+json: not found (also another station's order or
 * route, which must not be told apart from one that does not exist) and a request the page could not have sent.
 * Ahead of the application-wide problem+json advice, and for the page controller only.
 */
@ControllerAdvice(assignableTypes = { OrderPagesController.class, RoutePagesController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class StationAppAdvice {

	@ExceptionHandler(NotFoundException.class)
	String notFound(HttpServletResponse response, Model model) {
		return problem(response, model, HttpStatus.NOT_FOUND, "Not found",
				"There is no such order or route at your station.");
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
			InvalidRequestException.class })
	String invalid(Exception e, HttpServletResponse response, Model model) {
		return problem(response, model, HttpStatus.BAD_REQUEST, "That did not work",
				"Some of what the form sent was missing or not valid. Nothing was changed; please try again.");
	}

	@ExceptionHandler(ConflictException.class)
	String conflict(ConflictException e, HttpServletResponse response, Model model) {
		return problem(response, model, HttpStatus.CONFLICT, "That did not work", e.getMessage()
				+ ". Nothing was changed.");
	}

	/**
	 * Anything else (a request Spring refuses, a database failure, a bug): a page with the status, not problem+json
	 * and not a stack trace; the cause is logged.
	 */
	@ExceptionHandler(Exception.class)
	String unexpected(Exception e, HttpServletResponse response, Model model) {
		if (e instanceof org.springframework.security.access.AccessDeniedException) {
			return problem(response, model, HttpStatus.FORBIDDEN, "Not allowed", "Your account may not do this.");
		}
		if (e instanceof org.springframework.web.ErrorResponse known && known.getStatusCode().is4xxClientError()) {
			return problem(response, model, HttpStatus.valueOf(known.getStatusCode().value()), "That did not work",
					"The request was not one this page can take. Nothing was changed.");
		}
		org.slf4j.LoggerFactory.getLogger(StationAppAdvice.class).error("Station app page failed", e);
		return problem(response, model, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
				"The error was logged. Nothing was changed; please try again in a moment.");
	}

	private static String problem(HttpServletResponse response, Model model, HttpStatus status, String title,
			String text) {
		response.setStatus(status.value());
		model.addAttribute("title", title);
		model.addAttribute("text", text);
		model.addAttribute("sections", StationPages.SECTIONS);
		return "station/problem";
	}

}
