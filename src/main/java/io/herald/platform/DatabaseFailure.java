package io.herald.platform;

import java.sql.SQLException;

/**
 * Why the database could not do what a request needed, read from the SQLSTATE in an exception's causes: the three
 * situations an operator has to tell apart (the server is gone, it takes no writes, its disk is full). Plain Java, so
 * that the mapping is tested without a database.
 */
enum DatabaseFailure {

	/** Unreachable, restarting, in recovery, or shutting down; connections broken or none to be had in time. */
	UNAVAILABLE("database-unavailable", "Database unavailable",
			"The database cannot be reached just now. Repeat the request after Retry-After: Herald's changes are "
					+ "idempotent, so one whose commit was cut off is not applied twice"),

	/** SQLSTATE 25006: an operator set default_transaction_read_only, or the server is a standby. */
	READ_ONLY("database-read-only", "Database read-only",
			"The database takes no writes at the moment (it is read-only); nothing was changed. Repeat the request "
					+ "after Retry-After"),

	/** SQLSTATE 53100: no space left on the database's disk. */
	DISK_FULL("database-full", "Database full",
			"The database has no disk space left to write; nothing was changed. Repeat the request after Retry-After");

	private final String type;

	private final String title;

	private final String detail;

	DatabaseFailure(String type, String title, String detail) {
		this.type = type;
		this.title = title;
		this.detail = detail;
	}

	String type() {
		return type;
	}

	String title() {
		return title;
	}

	String detail() {
		return detail;
	}

	/** The failure a resource exception stands for: read-only and disk full by their SQLSTATE, anything else unavailable. */
	static DatabaseFailure of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabaseReadOnlyException) {
				return READ_ONLY;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				switch (sql.getSQLState()) {
					case DatabaseExceptionTranslation.READ_ONLY_SQL_TRANSACTION:
						return READ_ONLY;
					case "53100":
						return DISK_FULL;
					default:
						break;
				}
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return UNAVAILABLE;
	}

	/** The SQLSTATE and message of the deepest SQLException, for the log; else the innermost message. */
	static String reason(Throwable failure) {
		String reason = failure.toString();
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			reason = cause instanceof SQLException sql
					? "SQLSTATE " + sql.getSQLState() + ": " + sql.getMessage()
					: cause.getClass().getSimpleName() + ": " + cause.getMessage();
		}
		return reason;
	}

}
