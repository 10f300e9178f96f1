package io.herald.platform;

import static io.herald.platform.Problems.problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every error into RFC 9457 problem+json. Validation problems carry an {@code errors} array of
 * {@code {field, message}} so a client can point at the offending field.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/**
	 * A path nobody serves. A person's browser on one of the pages (a mistyped {@code /station/...}) gets the error
	 * page (rendered by the error controller); API clients, and anything else under {@code /api}, get problem+json
	 * like every other error.
	 */
	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (request instanceof ServletWebRequest web && wantsPage(web.getRequest())) {
			try {
				web.getResponse().sendError(HttpStatus.NOT_FOUND.value());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return null;
		}
		return super.handleNoResourceFoundException(ex, headers, status, request);
	}

	private static boolean wantsPage(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return !path.startsWith("/api/") && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
	}

	@ExceptionHandler(ConflictException.class)
	ProblemDetail conflict(ConflictException e) {
		return problem(HttpStatus.CONFLICT, e.type(), "Conflict with the current state", e.getMessage());
	}

	/** The most field problems an answer lists; {@code errorCount} says how many there were in all. */
	static final int MAX_LISTED_ERRORS = 100;

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalid(InvalidRequestException e) {
		var problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", e.getMessage());
		// a CSV of a million bad rows must not become an answer of a million problems
		List<InvalidRequestException.FieldProblem> errors = e.errors();
		problem.setProperty("errors", errors.size() > MAX_LISTED_ERRORS ? errors.subList(0, MAX_LISTED_ERRORS) : errors);
		if (e.errorCount() > MAX_LISTED_ERRORS) {
			problem.setProperty("errorCount", e.errorCount());
		}
		return problem;
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ProblemDetail tooLarge(PayloadTooLargeException e) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request too large", e.getMessage());
	}

	/** Back-pressure: 503 with Retry-After, so that clients slow down instead of queueing ever more work. */
	@ExceptionHandler(OverloadedException.class)
	ResponseEntity<ProblemDetail> overloaded(OverloadedException e) {
		var problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Busy, try again shortly",
				e.getMessage() + "; nothing was changed");
		long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
		problem.setProperty("retryAfterSeconds", seconds);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail forbidden(AccessDeniedException e) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
		String message = "invalid value";
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (Storable.OUT_OF_RANGE.equals(cause.getMessage())) {
				message = Storable.OUT_OF_RANGE;
			}
		}
		var problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"Parameter '" + e.getName() + "' " + (message.equals("invalid value") ? "has an invalid value" : message));
		problem.setProperty("errors", List.of(new InvalidRequestException.FieldProblem(e.getName(), message)));
		return problem;
	}

	/**
	 * Spring MVC's own refusals (404, 405, 406, 415, a missing parameter...) come as problems of type
	 * {@code about:blank}; each gets Herald's stable type for its status, so that clients can rely on {@code type}.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> answer = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (answer != null && answer.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
			problem.setType(Problems.type(Problems.typeOf(statusCode.value())));
		}
		return answer;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidRequestException.FieldProblem> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new InvalidRequestException.FieldProblem(error.getField(), error.getDefaultMessage()));
		}
		ex.getBindingResult().getGlobalErrors()
			.forEach(error -> errors.add(new InvalidRequestException.FieldProblem(error.getObjectName(),
					error.getDefaultMessage())));
		var problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				errors.size() + " field(s) failed validation");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidRequestException.FieldProblem> errors = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach(result -> result.getResolvableErrors()
				.forEach(error -> errors.add(new InvalidRequestException.FieldProblem(
						result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
		var problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				errors.size() + " parameter(s) failed validation");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PayloadTooLargeException tooLarge) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge));
			}
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
				// a value of the wrong type or an unknown enum constant: name the field, not Java types
				String field = fieldPath(mismatch.getPath());
				String message = mismatch instanceof StorableValuesModule.Unstorable unstorable ? unstorable.reason()
						: mismatch instanceof InvalidFormatException invalid && invalid.getTargetType() != null
						&& invalid.getTargetType().isEnum()
								? "must be one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants())
								: "has the wrong type";
				var problem = problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
						"Field '" + field + "' " + message);
				problem.setProperty("errors", List.of(new InvalidRequestException.FieldProblem(field, message)));
				return ResponseEntity.badRequest().body(problem);
			}
		}
		String detail = ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
				? "A JSON request body is required"
				: "The request body is not valid JSON for this endpoint: " + summary(ex);
		var problem = problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request too large",
					"The upload exceeds the configured maximum size"));
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception e) {
		log.error("Unexpected error", e);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				"An unexpected error occurred; it has been logged");
	}

	private static String fieldPath(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private static String summary(HttpMessageNotReadableException ex) {
		Throwable root = ex.getMostSpecificCause();
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		// Jackson messages can echo large parts of the payload; keep the first line only
		int newline = message.indexOf('\n');
		return newline > 0 ? message.substring(0, newline) : message;
	}

	/** Used by filters that answer before a controller is reached. */
	static Map<String, Object> asMap(HttpStatus status, String type, String title, String detail) {
		return Problems.asMap(status.value(), type, title, detail);
	}

}
