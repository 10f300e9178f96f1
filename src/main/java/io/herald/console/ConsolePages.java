package io.herald.console;

import java.util.List;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.access.WebAccounts;
import io.herald.platform.ConflictException;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page shares: the top bar's sections and the operator's name, and errors shown as a page (not
 * the API's problem+json, which answers for every other controller).
 */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePages {

	static final List<List<String>> SECTIONS = List.of(List.of("/console", "Overview"),
			List.of("/console/stations", "Stations"), List.of("/console/orders", "Orders"),
			List.of("/console/deliveries", "Dead deliveries"), List.of("/console/webhooks", "Webhooks"));

	private final WebAccounts accounts;

	ConsolePages(WebAccounts accounts) {
		this.accounts = accounts;
	}

	@ModelAttribute
	void layout(@AuthenticationPrincipal Caller caller, Model model) {
		model.addAttribute("sections", SECTIONS);
		model.addAttribute("who", who(caller));
	}

	/** The signed-in operator's account name (or "operator" for an API key, which has no session here). */
	String who(Caller caller) {
		if (caller == null) {
			return "";
		}
		try {
			return accounts.get(caller.keyId()).username();
		}
		catch (RuntimeException e) {
			return "operator";
		}
	}

	@ExceptionHandler(NotFoundException.class)
	String notFound(NotFoundException e, @AuthenticationPrincipal Caller caller, Model model,
			HttpServletResponse response) {
		return error(404, "Not found", e.getMessage(), caller, model, response);
	}

	@ExceptionHandler({ InvalidRequestException.class, MethodArgumentTypeMismatchException.class })
	String invalid(Exception e, @AuthenticationPrincipal Caller caller, Model model, HttpServletResponse response) {
		String detail = e instanceof MethodArgumentTypeMismatchException mismatch
				? "'" + mismatch.getValue() + "' is not a valid " + mismatch.getName() : e.getMessage();
		return error(400, "Not a valid request", detail, caller, model, response);
	}

	@ExceptionHandler(ConflictException.class)
	String conflict(ConflictException e, @AuthenticationPrincipal Caller caller, Model model,
			HttpServletResponse response) {
		return error(409, "Not possible now", e.getMessage(), caller, model, response);
	}

	@ExceptionHandler(AccessDeniedException.class)
	String denied(AccessDeniedException e, @AuthenticationPrincipal Caller caller, Model model,
			HttpServletResponse response) {
		return error(403, "Not allowed", e.getMessage(), caller, model, response);
	}

	/**
	 * Anything else (a request Spring refuses, a database failure, a bug): a page with the status, not problem+json
	 * and not a stack trace; the cause is logged.
	 */
	@ExceptionHandler(Exception.class)
	String unexpected(Exception e, @AuthenticationPrincipal Caller caller, Model model, HttpServletResponse response) {
		if (e instanceof org.springframework.web.ErrorResponse known && known.getStatusCode().is4xxClientError()) {
			return error(known.getStatusCode().value(), "Not a valid request", e.getMessage(), caller, model, response);
		}
		org.slf4j.LoggerFactory.getLogger(ConsolePages.class).error("Console page failed", e);
		return error(500, "Something went wrong", "The error was logged. Please try again in a moment.", caller,
				model, response);
	}

	private String error(int status, String title, String detail, Caller caller, Model model,
			HttpServletResponse response) {
		response.setStatus(status);
		model.addAttribute("sections", SECTIONS);
		model.addAttribute("who", who(caller));
		model.addAttribute("status", status);
		model.addAttribute("title", title);
		model.addAttribute("detail", detail);
		return "console/error";
	}

	/** A short form of an id, for people. */
	static String shortId(UUID id) {
		return id == null ? "" : id.toString().substring(0, 8);
	}

}
