package io.herald.platform;

import java.sql.SQLException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Spring's default translation of JDBC errors with two corrections, so that a 503 ({@link DatabaseUnavailable}) means
 * "the database cannot be used now" and nothing else. A write refused by a read-only database (SQLSTATE 25006), which
 * Spring leaves uncategorised, becomes a {@link DatabaseReadOnlyException}. A program limit exceeded (class 54: an
 * index row too large for a huge value, too many arguments), which Spring counts as a resource failure, is a
 * {@link NonTransientDataAccessResourceException} instead: the same request would fail again, so telling the client
 * to retry would be wrong. Spring Boot gives this translator to the auto-configured {@code JdbcTemplate}, and so to
 * every {@code JdbcClient} of the application.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseExceptionTranslation {

	static final String READ_ONLY_SQL_TRANSACTION = "25006";

	static final String PROGRAM_LIMIT_EXCEEDED_CLASS = "54";

	@Bean
	SQLExceptionTranslator sqlExceptionTranslator() {
		return new Translator();
	}

	static final class Translator extends SQLExceptionSubclassTranslator {

		@Override
		protected DataAccessException doTranslate(String task, String sql, SQLException ex) {
			String state = ex.getSQLState();
			if (READ_ONLY_SQL_TRANSACTION.equals(state)) {
				return new DatabaseReadOnlyException(task + ": the database is read-only (" + ex.getMessage() + ")", ex);
			}
			if (state != null && state.startsWith(PROGRAM_LIMIT_EXCEEDED_CLASS)) {
				return new NonTransientDataAccessResourceException(task + ": " + ex.getMessage(), ex);
			}
			return super.doTranslate(task, sql, ex);
		}

	}

}
