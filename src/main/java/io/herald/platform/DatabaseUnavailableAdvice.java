package io.herald.platform;

import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that failed because the database could not be used (gone, restarting, read-only, out of disk) is answered
 * 503 problem+json with {@code Retry-After} and a stable type per situation, not 500: the client did nothing wrong and
 * the same request will succeed once PostgreSQL is back, which Herald notices by itself (the pool opens new
 * connections as soon as the server answers). The transaction the request was part of rolled back, so nothing of it
 * is stored; only a commit cut off by a broken connection leaves the outcome unknown, which the idempotent intake makes
 * harmless to repeat.
 *
 * <p>
 * Ahead of {@code ProblemDetailsAdvice}, whose catch-all would answer 500; Spring matches these types also as the
 * cause of another exception (a failed group commit, a listener's failure inside the transaction).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableAdvice {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);

	private final DatabaseSettings settings;

	/** Per kind: when the last warning was logged (nanoTime) and how many refusals went unlogged since. */
	private final Map<DatabaseFailure, long[]> logged = new EnumMap<>(DatabaseFailure.class);

	DatabaseUnavailableAdvice(DatabaseSettings settings) {
		this.settings = settings;
	}

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
		DatabaseFailure failure = DatabaseFailure.of(e);
		warn(failure, e);
		long seconds = Math.max(1, (settings.retryAfter().toMillis() + 999) / 1000);
		ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, failure.type(), failure.title(),
				failure.detail());
		problem.setProperty("retryAfterSeconds", seconds);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem);
	}

	/** One warning per kind and interval, saying why, with the number of requests refused for it meanwhile. */
	private void warn(DatabaseFailure failure, Exception e) {
		long now = System.nanoTime();
		long refusedSince;
		synchronized (logged) {
			long[] last = logged.computeIfAbsent(failure, f -> new long[] { now - settings.logEvery().toNanos() - 1, 0 });
			last[1]++;
			if (now - last[0] < settings.logEvery().toNanos()) {
				return;
			}
			refusedSince = last[1];
			last[0] = now;
			last[1] = 0;
		}
		log.warn("Answering 503 {}: {} ({} request(s) refused for this since the last such warning, at most one per {})",
				failure.type(), DatabaseFailure.reason(e), refusedSince, settings.logEvery());
	}

}
