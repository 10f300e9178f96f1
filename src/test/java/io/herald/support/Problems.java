package io.herald.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on Herald's error answers, RFC 9457 problem details ({@code application/problem+json}). */
public final class Problems {

	private Problems() {
	}

	/** The response is a problem with this HTTP status. */
	public static void assertProblem(Api.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	/** The response is a problem with this HTTP status and type ({@code urn:herald:problem:<type>}). */
	public static void assertProblem(Api.Response response, int status, String type) {
		assertProblem(response, status);
		assertThat(response.text("type")).isEqualTo("urn:herald:problem:" + type);
	}

}
