package io.herald.kafka.intake;

/**
 * Why a record cannot be applied: it goes to the dead-letter topic with this in its headers.
 *
 * @param reason a stable type (see {@link io.herald.kafka.DeadLetter#reason()})
 * @param detail for a person: what was wrong
 */
record Refusal(String reason, String detail) {

	static final String MALFORMED = "malformed";

	static final String UNKNOWN_TYPE = "unknown-type";

	static final String MISSING_IDENTITY = "missing-identity";

	static final String INVALID = "invalid";

	static final String UNKNOWN_MERCHANT = "unknown-merchant";

	static final String UNKNOWN_STATION = "unknown-station";

	static final String NOT_FOUND = "not-found";

	static final String CONFLICT = "conflict";

	static final String ERROR = "error";

	Refusal {
		detail = detail == null ? reason : detail.length() > 2000 ? detail.substring(0, 2000) : detail;
	}

}
