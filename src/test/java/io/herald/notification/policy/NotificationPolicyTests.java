package io.herald.notification.policy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationPolicyTests {

	final Recipients everyone = new Recipients("merchant:1", "li@example.com", "A-1");

	@Test
	void stockingFailureGoesToEveryEnabledChannelWithARecipient() {
		var policy = new NotificationPolicy(false, EnumSet.allOf(ChannelType.class));
		assertThat(policy.decide(OrderChange.STOCKING_FAILED, "e1", everyone)).containsExactly(
				new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.WEBHOOK, "merchant:1"),
				new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.EMAIL, "li@example.com"),
				new Intent(NotificationKind.STOCKING_FAILED, "e1", ChannelType.LOG, "A-1"));
	}

	@Test
	void channelsWithoutARecipientAreSkipped() {
		var policy = new NotificationPolicy(false, EnumSet.of(ChannelType.WEBHOOK, ChannelType.EMAIL));
		assertThat(policy.decide(OrderChange.STOCKED, "e1", new Recipients(null, "li@example.com", "A-1")))
			.containsExactly(new Intent(NotificationKind.STOCKED, "e1", ChannelType.EMAIL, "li@example.com"));
	}

	@Test
	void assignedIsOptional() {
		assertThat(new NotificationPolicy(false, EnumSet.of(ChannelType.LOG)).decide(OrderChange.ASSIGNED, "e", everyone))
			.isEmpty();
		assertThat(new NotificationPolicy(true, EnumSet.of(ChannelType.LOG)).decide(OrderChange.ASSIGNED, "e", everyone))
			.extracting(Intent::kind)
			.containsExactly(NotificationKind.ASSIGNED);
	}

	@Test
	void customersAreNotToldAboutInternalSteps() {
		var policy = new NotificationPolicy(true, EnumSet.allOf(ChannelType.class));
		assertThat(policy.decide(OrderChange.PLACED, "e", everyone)).isEmpty();
		assertThat(policy.decide(OrderChange.UNASSIGNED, "e", everyone)).isEmpty();
		assertThat(policy.decide(OrderChange.CANCELLED, "e", everyone)).extracting(Intent::kind)
			.containsOnly(NotificationKind.CANCELLED);
	}

	@Test
	void retriesBackOffExponentiallyWithJitterUpToTheLimit() {
		var retry = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(10));
		assertThat(retry.nextDelay(1, () -> 0.0)).contains(Duration.ofSeconds(1));
		assertThat(retry.nextDelay(1, () -> 0.999)).hasValueSatisfying(d -> assertThat(d).isBetween(
				Duration.ofMillis(1990), Duration.ofSeconds(2)));
		assertThat(retry.nextDelay(2, () -> 0.0)).contains(Duration.ofSeconds(2));
		assertThat(retry.nextDelay(3, () -> 0.0)).contains(Duration.ofSeconds(4));
		// capped at the maximum
		assertThat(retry.nextDelay(4, () -> 0.999)).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(
				Duration.ofSeconds(10)));
		assertThat(retry.nextDelay(5, () -> 0.5)).isEmpty();
	}

	@Test
	void jitterSpreadsRetries() {
		var retry = new RetryPolicy(8, Duration.ofSeconds(2), Duration.ofMinutes(10));
		var delays = List.of(0.1, 0.4, 0.7).stream().map(r -> retry.nextDelay(3, () -> r).orElseThrow()).distinct();
		assertThat(delays).hasSize(3);
	}

}
