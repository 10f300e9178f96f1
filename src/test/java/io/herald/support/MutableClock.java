package io.herald.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock that runs like the system clock and that a test moves forward, for tests about time (an overlap that ends,
 * a link that expires) which would otherwise sleep until it has passed. It keeps running rather than standing still
 * because PostgreSQL's {@code now()} keeps running too: leases and due times are compared there, and a clock far from
 * it would hold messages back. So a test advances it only by what it is about, and expects the database not to follow.
 *
 * <p>
 * A test class registers it as the application's clock with {@code @Import(MutableClock.Registration.class)}, which
 * gives that class a Spring context of its own; {@link IntegrationTestBase} sets it back before every test.
 */
public final class MutableClock extends Clock {

	private final Clock system;

	private final AtomicReference<Duration> ahead;

	public MutableClock() {
		this(Clock.systemUTC(), new AtomicReference<>(Duration.ZERO));
	}

	private MutableClock(Clock system, AtomicReference<Duration> ahead) {
		this.system = system;
		this.ahead = ahead;
	}

	/** Moves the time forward; the clock keeps running from there. */
	public void advance(Duration by) {
		if (by.isNegative()) {
			throw new IllegalArgumentException("time does not go back: " + by);
		}
		ahead.accumulateAndGet(by, Duration::plus);
	}

	/** Back to the system's time, for the next test. */
	public void reset() {
		ahead.set(Duration.ZERO);
	}

	@Override
	public Instant instant() {
		return system.instant().plus(ahead.get());
	}

	@Override
	public ZoneId getZone() {
		return system.getZone();
	}

	/** The same time in another zone, moved forward together with this one. */
	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(system.withZone(zone), ahead);
	}

	/**
	 * Makes a {@link MutableClock} the application's clock: primary, so that it is the one injected whether or not
	 * the application's own clock bean is also defined.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Registration {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}

	}

}
