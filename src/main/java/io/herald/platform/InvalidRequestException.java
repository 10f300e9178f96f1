package io.herald.platform;

import java.util.List;

/** A request that is well-formed JSON but breaks a rule Bean Validation cannot express; 400 problem+json. */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldProblem> errors;

	private final int errorCount;

	public InvalidRequestException(String message, List<FieldProblem> errors) {
		this(message, errors, errors.size());
	}

	/**
	 * @param errors the first problems found (an answer lists at most 100)
	 * @param errorCount how many problems there were in all, when the caller stopped keeping them
	 */
	public InvalidRequestException(String message, List<FieldProblem> errors, int errorCount) {
		super(message);
		this.errors = List.copyOf(errors);
		this.errorCount = Math.max(errorCount, errors.size());
	}

	public InvalidRequestException(String field, String message) {
		this(message, List.of(new FieldProblem(field, message)));
	}

	public List<FieldProblem> errors() {
		return errors;
	}

	/** How many problems there were, also those not in {@link #errors()}. */
	public int errorCount() {
		return errorCount;
	}

	/** One field-level problem: the JSON pointer-ish path of the field and what is wrong with it. */
	public record FieldProblem(String field, String message) {
	}

	/**
	 * Collects the problems of a large input (a CSV upload) and keeps only the first {@value #KEPT}, counting the rest:
	 * a file of a million bad rows costs neither a million objects nor an answer that lists them all.
	 */
	public static final class FieldProblems {

		static final int KEPT = 100;

		private final java.util.ArrayList<FieldProblem> first = new java.util.ArrayList<>();

		private int count;

		public void add(FieldProblem problem) {
			if (first.size() < KEPT) {
				first.add(problem);
			}
			count++;
		}

		public boolean isEmpty() {
			return count == 0;
		}

		/** How many problems were added, also those not kept. */
		public int size() {
			return count;
		}

		/** The refusal listing the first problems and counting all. */
		public InvalidRequestException refusal(String message) {
			return new InvalidRequestException(message, first, count);
		}

	}

}
