package io.herald.platform;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problems as Herald writes them: type {@code urn:herald:problem:<name>}, title, status and detail. */
public final class Problems {

	private Problems() {
	}

	/** A problem of this status; {@code type} is the short name, e.g. {@code not-found}. */
	public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(type));
		problem.setTitle(title);
		return problem;
	}

	static URI type(String name) {
		return URI.create("urn:herald:problem:" + name);
	}

}
