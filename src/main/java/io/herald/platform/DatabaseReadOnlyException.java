package io.herald.platform;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * PostgreSQL refused a write because the database is read-only (SQLSTATE 25006): {@code default_transaction_read_only}
 * set by an operator, or a standby that is not (yet) a primary. A resource failure, not a bad request: the same write
 * succeeds once the database takes writes again, and the transaction it was part of rolled back whole.
 */
public class DatabaseReadOnlyException extends DataAccessResourceFailureException {

	public DatabaseReadOnlyException(String message, Throwable cause) {
		super(message, cause);
	}

}
