package io.herald.platform;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Database failures inside Spring MVC answered 503 ({@link DatabaseUnavailable}). Ahead of
 * {@code ProblemDetailsAdvice}, whose catch-all would answer 500; Spring matches these types also as the cause of
 * another exception (a failed group commit, a listener's failure inside the transaction). A JDBC
 * {@link TransactionSystemException} is a commit or rollback on a broken connection.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableAdvice {

	private final DatabaseUnavailable unavailable;

	DatabaseUnavailableAdvice(DatabaseUnavailable unavailable) {
		this.unavailable = unavailable;
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			CannotCreateTransactionException.class, TransactionSystemException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(unavailable.retryAfterSeconds()))
			.body(unavailable.answer(e));
	}

}
