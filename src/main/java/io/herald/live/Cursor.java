package io.herald.live;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.platform.InvalidRequestException;

/**
 * A position in the live stream: the writing transaction's id ({@code xid8}) and the row id within it. Rows are
 * ordered by both, so the rows of one transaction keep the order in which they were written. Its text form
 * {@code "<txid>-<id>"} is the SSE event id, handed back by a reconnecting client as {@code Last-Event-ID}.
 */
record Cursor(long txid, long id) implements Comparable<Cursor> {

	/** Before every row. */
	static final Cursor START = new Cursor(0, 0);

	private static final Pattern TEXT = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

	/** The cursor of an event id; refuses anything this stream did not produce. */
	static Cursor parse(String text) {
		Matcher matcher = TEXT.matcher(text.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("expected '<txid>-<id>' as sent in an event id");
		}
		try {
			return new Cursor(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("expected '<txid>-<id>' as sent in an event id");
		}
	}

	/**
	 * Where a reconnecting client resumes: after its Last-Event-ID, or null (from the start) without one. A malformed
	 * one is the client's error (400), naming the header.
	 */
	static Cursor resumeFrom(String lastEventId) {
		if (lastEventId == null || lastEventId.isBlank()) {
			return null;
		}
		try {
			return parse(lastEventId);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("Last-Event-ID", e.getMessage());
		}
	}

	/**
	 * Just before the rows of the oldest transaction still running ({@code xmin}): everything written by transactions
	 * that finish from now on, nothing that was final already.
	 */
	static Cursor atHorizon(long xmin) {
		return new Cursor(xmin, 0);
	}

	@Override
	public int compareTo(Cursor other) {
		int byTransaction = Long.compare(txid, other.txid);
		return byTransaction != 0 ? byTransaction : Long.compare(id, other.id);
	}

	boolean isBefore(Cursor other) {
		return compareTo(other) < 0;
	}

	@Override
	public String toString() {
		return txid + "-" + id;
	}

}
