package io.herald.platform;

import java.util.List;

/** A request that is well-formed JSON but breaks a rule Bean Validation cannot express; 400 problem+json. */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldProblem> errors;

	public InvalidRequestException(String message, List<FieldProblem> errors) {
		super(message);
		this.errors = List.copyOf(errors);
	}

	public InvalidRequestException(String field, String message) {
		this(message, List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> errors() {
		return errors;
	}

	/** One field-level problem: the JSON pointer-ish path of the field and what is wrong with it. */
	public record FieldProblem(String field, String message) {
	}

}
