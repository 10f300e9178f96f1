package io.herald.access;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTests {

	final SignInThrottle throttle = new SignInThrottle();

	final Instant now = Instant.parse("2026-03-01T08:00:00Z");

	@Test
	void aFewWrongPasswordsCostNothingThenEachOneDoublesTheWaitOfThatNameFromThatSource() {
		for (int i = 0; i < SignInThrottle.FREE_PER_PAIR; i++) {
			throttle.failed("station-7", "203.0.113.7", now);
		}
		assertThat(throttle.wait("station-7", "203.0.113.7", now)).isEmpty();
		throttle.failed("station-7", "203.0.113.7", now);
		assertThat(throttle.wait("station-7", "203.0.113.7", now)).contains(Duration.ofSeconds(1));
		throttle.failed("Station-7 ", "203.0.113.7", now);
		assertThat(throttle.wait("station-7", "203.0.113.7", now)).contains(Duration.ofSeconds(2));
		throttle.failed("station-7", "203.0.113.7", now);
		assertThat(throttle.wait("station-7", "203.0.113.7", now)).contains(Duration.ofSeconds(4));
		assertThat(throttle.wait("station-7", "203.0.113.7", now.plusSeconds(3))).contains(Duration.ofSeconds(1));
		assertThat(throttle.wait("station-7", "203.0.113.7", now.plusSeconds(4))).isEmpty();

		// the owner elsewhere, and other names from the same place, do not wait
		assertThat(throttle.wait("station-7", "198.51.100.20", now)).isEmpty();
		assertThat(throttle.wait("station-8", "203.0.113.7", now)).isEmpty();
	}

	@Test
	void theWaitOfANameIsCappedAndNothingIsEverLocked() {
		for (int i = 0; i < 200; i++) {
			throttle.failed("operator", "203.0.113.7", now);
		}
		assertThat(throttle.wait("operator", "203.0.113.7", now)).contains(SignInThrottle.MAX_PAIR_WAIT);
		assertThat(throttle.wait("operator", "203.0.113.7", now.plus(SignInThrottle.MAX_PAIR_WAIT))).isEmpty();
		assertThat(throttle.wait("operator", "192.0.2.1", now)).isEmpty();
	}

	@Test
	void sprayingManyNamesFromOneSourceSlowsThatSourceOnlyAndForAMinuteAtMost() {
		for (int i = 0; i < SignInThrottle.FREE_PER_SOURCE; i++) {
			throttle.failed("random-" + i, "203.0.113.9", now);
		}
		assertThat(throttle.wait("operator", "203.0.113.9", now)).isEmpty();
		throttle.failed("random-x", "203.0.113.9", now);
		assertThat(throttle.wait("operator", "203.0.113.9", now)).contains(Duration.ofSeconds(1));
		for (int i = 0; i < 50; i++) {
			throttle.failed("random-y" + i, "203.0.113.9", now);
		}
		assertThat(throttle.wait("operator", "203.0.113.9", now)).contains(SignInThrottle.MAX_SOURCE_WAIT);
		// the operator and every station from anywhere else sign in as usual
		assertThat(throttle.wait("operator", "198.51.100.20", now)).isEmpty();
		assertThat(throttle.wait("random-1", "198.51.100.20", now)).isEmpty();
	}

	@Test
	void theRightPasswordForgetsThatNamesFailuresFromThatSource() {
		for (int i = 0; i < SignInThrottle.FREE_PER_PAIR + 3; i++) {
			throttle.failed("station-7", "203.0.113.7", now);
		}
		throttle.succeeded("station-7", "203.0.113.7");
		assertThat(throttle.wait("station-7", "203.0.113.7", now)).isEmpty();
		throttle.failed("station-7", "203.0.113.7", now);
		assertThat(throttle.wait("station-7", "203.0.113.7", now)).isEmpty();
	}

}
