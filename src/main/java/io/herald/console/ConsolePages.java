package io.herald.console;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.herald.access.Caller;
import io.herald.access.WebAccounts;
import io.herald.platform.ConflictException;
import io.herald.platform.InvalidRequestException;
import io.herald.platform.NotFoundException;
import io.herald.station.Stations;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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
			List.of("/console/notifications", "Dead notifications"), List.of("/console/webhooks", "Webhooks"),
			List.of("/console/kafka", "Kafka dead letters"), List.of("/console/audit", "Audit log"));

	@ModelAttribute
	void layout(Model model) {
		model.addAttribute("sections", SECTIONS);
		model.addAttribute("who", who());
	}

	/**
	 * The signed-in operator's account name, kept with the sign-in (or "operator" for an API key, which has no
	 * session here); empty when nobody is signed in.
	 */
	static String who() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof Caller)) {
			return "";
		}
		return authentication.getDetails() instanceof WebAccounts.SignIn signIn ? signIn.username() : "operator";
	}

	@ExceptionHandler(NotFoundException.class)
	String notFound(NotFoundException e, Model model, HttpServletResponse response) {
		return error(404, "Not found", e.getMessage(), model, response);
	}

	@ExceptionHandler({ InvalidRequestException.class, MethodArgumentTypeMismatchException.class })
	String invalid(Exception e, Model model, HttpServletResponse response) {
		String detail = e instanceof MethodArgumentTypeMismatchException mismatch
				? "'" + mismatch.getValue() + "' is not a valid " + mismatch.getName() : e.getMessage();
		return error(400, "Not a valid request", detail, model, response);
	}

	@ExceptionHandler(ConflictException.class)
	String conflict(ConflictException e, Model model, HttpServletResponse response) {
		return error(409, "Not possible now", e.getMessage(), model, response);
	}

	@ExceptionHandler(AccessDeniedException.class)
	String denied(AccessDeniedException e, Model model, HttpServletResponse response) {
		return error(403, "Not allowed", e.getMessage(), model, response);
	}

	/**
	 * Anything else (a request Spring refuses, a database failure, a bug): a page with the status, not problem+json
	 * and not a stack trace; the cause is logged.
	 */
	@ExceptionHandler(Exception.class)
	String unexpected(Exception e, Model model, HttpServletResponse response) {
		if (e instanceof org.springframework.web.ErrorResponse known && known.getStatusCode().is4xxClientError()) {
			return error(known.getStatusCode().value(), "Not a valid request", e.getMessage(), model, response);
		}
		org.slf4j.LoggerFactory.getLogger(ConsolePages.class).error("Console page failed", e);
		return error(500, "Something went wrong", "The error was logged. Please try again in a moment.", model,
				response);
	}

	private String error(int status, String title, String detail, Model model, HttpServletResponse response) {
		response.setStatus(status);
		model.addAttribute("sections", SECTIONS);
		model.addAttribute("who", who());
		model.addAttribute("status", status);
		model.addAttribute("title", title);
		model.addAttribute("detail", detail);
		return "console/error";
	}

	/** Every station's name by its id, in the order of the names. */
	static Map<UUID, String> stationNames(Stations stations) {
		Map<UUID, String> names = new LinkedHashMap<>();
		stations.all()
			.stream()
			.sorted(Comparator.comparing(s -> s.name().toLowerCase(Locale.ROOT)))
			.forEach(s -> names.put(s.id(), s.name()));
		return names;
	}

	/** A short form of an id, for people. */
	static String shortId(UUID id) {
		return id == null ? "" : id.toString().substring(0, 8);
	}

}
