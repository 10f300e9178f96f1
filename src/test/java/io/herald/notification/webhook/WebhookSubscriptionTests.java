package io.herald.notification.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.notification.policy.NotificationKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSubscriptionTests {

	static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	static WebhookSubscription subscription(List<NotificationKind> kinds, String previous, Instant previousUntil) {
		return new WebhookSubscription(UUID.randomUUID(), UUID.randomUUID(), "https://example.com/h", kinds,
				"whsec_new", previous, previousUntil, true, null, null, 0, NOW, NOW);
	}

	@Test
	void noEventTypesMeansEveryKind() {
		var all = subscription(List.of(), null, null);
		assertThat(NotificationKind.values()).allMatch(all::wants);
		var some = subscription(List.of(NotificationKind.STOCKED), null, null);
		assertThat(some.wants(NotificationKind.STOCKED)).isTrue();
		assertThat(some.wants(NotificationKind.DELIVERED)).isFalse();
	}

	@Test
	void thePreviousSecretSignsUntilItExpiresAfterTheNewOne() {
		var rotated = subscription(List.of(), "whsec_old", NOW.plusSeconds(60));
		assertThat(rotated.signingSecrets(NOW)).containsExactly("whsec_new", "whsec_old");
		assertThat(rotated.signingSecrets(NOW.plusSeconds(60))).containsExactly("whsec_new");
		assertThat(subscription(List.of(), null, null).signingSecrets(NOW)).containsExactly("whsec_new");
	}

	@Test
	void recipientNamesRoundTrip() {
		var subscription = subscription(List.of(), null, null);
		assertThat(WebhookSubscription.idOf(subscription.recipient())).contains(subscription.id());
		assertThat(WebhookSubscription.idOf("merchant:" + subscription.merchantId())).isEmpty();
		assertThat(WebhookSubscription.idOf("subscription:nope")).isEmpty();
	}

}
