package io.herald.platform;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;

/**
 * What PostgreSQL can store, checked before it is asked to: text without the NUL character (U+0000, which
 * PostgreSQL refuses in {@code text}) and points in time within the years 1 to 9999 (within PostgreSQL's range, and
 * all that ISO 8601 writes without an expanded year). Input beyond either is a client's error (400), never a
 * database error (500). Plain Java, so that the JSON reader, the request parameters and the CSV import share it.
 */
public final class Storable {

	/** The earliest point in time Herald accepts. */
	public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	/** The latest point in time Herald accepts. */
	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

	/** What is wrong with text holding a NUL character. */
	public static final String NUL = "must not contain the NUL character (U+0000)";

	/** What is wrong with a point in time out of range. */
	public static final String OUT_OF_RANGE = "must be a time between the years 1 and 9999";

	private Storable() {
	}

	/** Whether the text can be stored: {@code null} can. */
	public static boolean text(CharSequence text) {
		if (text == null) {
			return true;
		}
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\0') {
				return false;
			}
		}
		return true;
	}

	/** Whether the point in time can be stored: {@code null} can. */
	public static boolean time(Instant time) {
		return time == null || !time.isBefore(EARLIEST) && !time.isAfter(LATEST);
	}

	/** The same for the date-time types Herald reads: {@link Instant}, {@link OffsetDateTime}, {@link ZonedDateTime}. */
	public static boolean time(TemporalAccessor time) {
		if (time instanceof Instant instant) {
			return time(instant);
		}
		if (time instanceof OffsetDateTime offset) {
			return time(offset.toInstant());
		}
		if (time instanceof ZonedDateTime zoned) {
			return time(zoned.toInstant());
		}
		return true;
	}

}
