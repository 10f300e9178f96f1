package io.herald.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows password guessing down without letting anyone lock the owner of an account out. Nothing is ever locked: a
 * failure makes the next attempt wait, where it came from.
 * <ul>
 * <li>Per account name and source address: {@value #FREE_PER_PAIR} wrong passwords are free, then each one more makes
 * that name wait from that source, 1 s, 2 s, 4 s, ... up to {@link #MAX_PAIR_WAIT}. Guessing one account's password
 * from one place becomes hopeless, while its owner elsewhere signs in as usual.</li>
 * <li>Per source address, any names: a looser cap, {@value #FREE_PER_SOURCE} wrong passwords, then waits doubling up
 * to {@link #MAX_SOURCE_WAIT}, so that spraying many names from one place is slowed too, and the people who share
 * that address (an office, a carrier's NAT) wait a minute at most.</li>
 * </ul>
 * An attempt made while waiting is refused without looking at the password and does not count: it can neither
 * succeed nor make the wait longer. A success forgets the failures of its name and source; failures are forgotten
 * {@link #MEMORY} after the last one. The source is the client's address as the servlet container sees it, which
 * behind a reverse proxy is the forwarded address only when the proxy is a trusted one (README, "Behind a reverse
 * proxy").
 *
 * <p>
 * The counts live in each node's memory, as the lock-out they replace did: with N nodes behind a load balancer an
 * attacker gets at most N times the attempts, which against passwords of at least 10^8 guesses
 * ({@link PasswordPolicy}) changes nothing that matters, and no table is written on every wrong password. Bounded
 * (100,000 entries): an attacker who floods it from countless sources can only make it forget, never refuse more.
 */
final class SignInThrottle {

	static final int FREE_PER_PAIR = 5;

	static final Duration MAX_PAIR_WAIT = Duration.ofMinutes(15);

	static final int FREE_PER_SOURCE = 100;

	static final Duration MAX_SOURCE_WAIT = Duration.ofMinutes(1);

	static final Duration MEMORY = Duration.ofMinutes(15);

	/** The failures counted for a key, and until when its next attempt must wait. */
	private record Failures(int count, Instant waitUntil) {
	}

	private final Cache<String, Failures> failures = Caffeine.newBuilder()
		.expireAfterWrite(MEMORY)
		.maximumSize(100_000)
		.build();

	/** How long this attempt must still wait, or empty when it may be checked now. */
	Optional<Duration> wait(String name, String source, Instant now) {
		Duration pair = remaining(pairKey(name, source), now);
		Duration address = remaining(sourceKey(source), now);
		Duration longer = pair.compareTo(address) >= 0 ? pair : address;
		return longer.isZero() ? Optional.empty() : Optional.of(longer);
	}

	/** A wrong password for {@code name} from {@code source}. */
	void failed(String name, String source, Instant now) {
		count(pairKey(name, source), FREE_PER_PAIR, MAX_PAIR_WAIT, now);
		count(sourceKey(source), FREE_PER_SOURCE, MAX_SOURCE_WAIT, now);
	}

	/** The right password: that name's failures from that source are forgotten (the source's stay). */
	void succeeded(String name, String source) {
		failures.invalidate(pairKey(name, source));
	}

	private void count(String key, int free, Duration max, Instant now) {
		failures.asMap().compute(key, (k, before) -> {
			int count = before == null ? 1 : before.count() + 1;
			if (count <= free) {
				return new Failures(count, null);
			}
			int doublings = Math.min(count - free - 1, 30);
			Duration wait = Duration.ofSeconds(1L << doublings);
			return new Failures(count, now.plus(wait.compareTo(max) > 0 ? max : wait));
		});
	}

	private Duration remaining(String key, Instant now) {
		Failures counted = failures.getIfPresent(key);
		if (counted == null || counted.waitUntil() == null || !counted.waitUntil().isAfter(now)) {
			return Duration.ZERO;
		}
		return Duration.between(now, counted.waitUntil());
	}

	private static String pairKey(String name, String source) {
		return "pair:" + source + "/" + name.trim().toLowerCase(Locale.ROOT);
	}

	private static String sourceKey(String source) {
		return "source:" + source;
	}

}
