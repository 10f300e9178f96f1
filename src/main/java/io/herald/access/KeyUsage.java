package io.herald.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;

import io.herald.platform.SqlArrays;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When each API key was last used, kept in memory and written to {@code api_key.last_used_at} every
 * {@code herald.security.last-used-flush} (1 minute): one UPDATE per flush for all the keys used since the last one,
 * so at most one write per key per minute per node and none on a request. A node that dies loses at most that
 * interval's times; the listing merges what this node has not written yet.
 */
@Component
class KeyUsage {

	private final JdbcClient jdbc;

	private final Map<UUID, Instant> unwritten = new ConcurrentHashMap<>();

	KeyUsage(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A map read per request, and a put at most once a second per key: the cost of knowing a key's last use (a put on
	 * every request would make the requests of one busy key contend for the same map entry).
	 */
	void used(UUID keyId, Instant at) {
		Instant last = unwritten.get(keyId);
		if (last == null || at.isAfter(last.plusSeconds(1))) {
			unwritten.put(keyId, at);
		}
	}

	/** The time of a use not yet written, if any. */
	Instant unwritten(UUID keyId) {
		return unwritten.get(keyId);
	}

	/** The last flush, at shutdown: a database already gone costs these times, nothing else. */
	@PreDestroy
	void close() {
		try {
			flush();
		}
		catch (RuntimeException e) {
			LoggerFactory.getLogger(KeyUsage.class).warn("Last-use times of {} keys not written: {}", unwritten.size(),
					e.getMessage());
		}
	}

	@Scheduled(fixedDelayString = "${herald.security.last-used-flush:1m}",
			initialDelayString = "${herald.security.last-used-flush:1m}")
	void flush() {
		if (unwritten.isEmpty()) {
			return;
		}
		List<Map.Entry<UUID, Instant>> uses = new ArrayList<>();
		for (UUID id : List.copyOf(unwritten.keySet())) {
			Instant at = unwritten.remove(id);
			if (at != null) {
				uses.add(Map.entry(id, at));
			}
		}
		try {
			// never moves a time backwards: another node may have written a later use
			jdbc.sql("""
					update api_key k set last_used_at = greatest(k.last_used_at, u.at)
					from unnest(?::uuid[], ?::timestamptz[]) as u(id, at)
					where k.id = u.id""")
				.params(SqlArrays.uuids(uses, Map.Entry::getKey), SqlArrays.timestamps(uses, Map.Entry::getValue))
				.update();
		}
		catch (RuntimeException e) {
			// the database is away: keep the times for the next flush unless newer ones came meanwhile
			uses.forEach(use -> unwritten.putIfAbsent(use.getKey(), use.getValue()));
			throw e;
		}
	}

}
