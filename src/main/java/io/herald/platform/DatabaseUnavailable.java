package io.herald.platform;

import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The answer to a request that failed because the database could not be used (gone, restarting, read-only, out of
 * disk): 503 problem+json with {@code Retry-After} and a stable type per situation, not 500, because the client did
 * nothing wrong and the same request succeeds once PostgreSQL is back, which Herald notices by itself (the pool opens
 * new connections as soon as the server answers). The transaction the request was part of rolled back, so nothing of
 * it is stored; only a commit cut off by a broken connection leaves the outcome unknown, which the idempotent intake
 * makes harmless to repeat.
 *
 * <p>
 * Given by {@link DatabaseUnavailableAdvice} to failures inside Spring MVC and by {@link DatabaseUnavailableFilter} to
 * those before it (an API key or session looked up by the security filters).
 */
@Component
class DatabaseUnavailable {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

	private final DatabaseSettings settings;

	/** Per kind: when the last warning was logged (nanoTime) and how many refusals went unlogged since. */
	private final Map<DatabaseFailure, long[]> logged = new EnumMap<>(DatabaseFailure.class);

	DatabaseUnavailable(DatabaseSettings settings) {
		this.settings = settings;
	}

	/**
	 * Whether the failure, or one of its causes, says that the database could not be used: no connection in time, a
	 * broken one, a transaction that could not begin, commit or roll back, a refused write (read-only, disk full).
	 */
	static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof TransactionSystemException) {
				return true;
			}
		}
		return false;
	}

	/** Retry-After in whole seconds, at least 1. */
	long retryAfterSeconds() {
		return Math.max(1, (settings.retryAfter().toMillis() + 999) / 1000);
	}

	/** The problem to answer; logs why, at most once per kind and interval. */
	ProblemDetail answer(Throwable failure) {
		DatabaseFailure kind = DatabaseFailure.of(failure);
		warn(kind, failure);
		ProblemDetail problem = Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, kind.type(), kind.title(),
				kind.detail());
		problem.setProperty("retryAfterSeconds", retryAfterSeconds());
		return problem;
	}

	/** One warning per kind and interval, saying why, with the number of requests refused for it meanwhile. */
	private void warn(DatabaseFailure kind, Throwable failure) {
		long now = System.nanoTime();
		long interval = settings.logEvery().toNanos();
		long refused;
		synchronized (logged) {
			long[] last = logged.computeIfAbsent(kind, k -> new long[] { now - interval - 1, 0 });
			last[1]++;
			if (now - last[0] < interval) {
				return;
			}
			refused = last[1];
			last[0] = now;
			last[1] = 0;
		}
		log.warn("Answering 503 {}: {} ({} request(s) refused for this since the last such warning, at most one per {})",
				kind.type(), DatabaseFailure.reason(failure), refused, settings.logEvery());
	}

}
