package io.herald.platform;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which 503 a database failure is answered with, read from the SQLSTATE deep in its causes. */
class DatabaseFailureTests {

	@Test
	void aWriteToAReadOnlyDatabaseIsReadOnly() {
		var refused = new SQLException("cannot execute INSERT in a read-only transaction", "25006");
		var translated = new DatabaseExceptionTranslation.Translator().translate("insert", "insert ...", refused);
		assertThat(translated).isInstanceOf(DatabaseReadOnlyException.class);
		assertThat(DatabaseFailure.of(translated)).isEqualTo(DatabaseFailure.READ_ONLY);
		assertThat(DatabaseFailure.reason(translated))
			.isEqualTo("SQLSTATE 25006: cannot execute INSERT in a read-only transaction");
	}

	@Test
	void aFullDiskIsDiskFull() {
		var full = new SQLException("could not extend file \"base/16384/16385\": No space left on device", "53100");
		assertThat(DatabaseFailure.of(new DataAccessResourceFailureException("insert", full)))
			.isEqualTo(DatabaseFailure.DISK_FULL);
	}

	@Test
	void aBrokenOrMissingConnectionIsUnavailable() {
		var broken = new SQLException("An I/O error occurred while sending to the backend.", "08006");
		assertThat(DatabaseFailure.of(new DataAccessResourceFailureException("select", broken)))
			.isEqualTo(DatabaseFailure.UNAVAILABLE);
		var none = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
				new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
						new java.sql.SQLTransientConnectionException("request timed out after 2000ms")));
		assertThat(DatabaseFailure.of(none)).isEqualTo(DatabaseFailure.UNAVAILABLE);
	}

	@Test
	void aProgramLimitIsNotTheDatabaseBeingAway() {
		var tooLarge = new SQLException("index row size 9000 exceeds btree version 4 maximum 2704", "54000");
		var translated = new DatabaseExceptionTranslation.Translator().translate("insert", "insert ...", tooLarge);
		assertThat(translated).isInstanceOf(NonTransientDataAccessResourceException.class);
		assertThat(DatabaseUnavailable.causedBy(translated)).isFalse();
		var gone = new SQLException("terminating connection due to unexpected postmaster exit", "57P01");
		assertThat(DatabaseUnavailable.causedBy(new DatabaseExceptionTranslation.Translator().translate("select", "s", gone)))
			.isTrue();
	}

	@Test
	void otherErrorsAreLeftToSpringsOwnTranslation() {
		var grammar = new SQLException("syntax error", "42601");
		assertThat(new DatabaseExceptionTranslation.Translator().translate("select", "selct", grammar))
			.isNotInstanceOf(DatabaseReadOnlyException.class)
			.isNotInstanceOf(UncategorizedSQLException.class);
	}

}
