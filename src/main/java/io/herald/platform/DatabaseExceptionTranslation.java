package io.herald.platform;

import java.sql.SQLException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Spring's default translation of JDBC errors, plus one case it leaves uncategorised: a write refused by a read-only
 * database (SQLSTATE 25006) becomes a {@link DatabaseReadOnlyException}, which is answered 503 like the other
 * resource failures rather than 500. Spring Boot gives this translator to the auto-configured {@code JdbcTemplate},
 * and so to every {@code JdbcClient} of the application.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseExceptionTranslation {

	static final String READ_ONLY_SQL_TRANSACTION = "25006";

	@Bean
	SQLExceptionTranslator sqlExceptionTranslator() {
		return new ReadOnlyAware();
	}

	static final class ReadOnlyAware extends SQLExceptionSubclassTranslator {

		@Override
		protected DataAccessException doTranslate(String task, String sql, SQLException ex) {
			if (READ_ONLY_SQL_TRANSACTION.equals(ex.getSQLState())) {
				return new DatabaseReadOnlyException(task + ": the database is read-only (" + ex.getMessage() + ")", ex);
			}
			return super.doTranslate(task, sql, ex);
		}

	}

}
