package io.herald.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.MutableClock;
import io.herald.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Once a rotation's overlap is over, messages are signed with the new secret only (a 100 ms overlap here, which the
 * test clock passes: kept short because the database's time, which decides when a message is due, does not move).
 */
@TestPropertySource(properties = "herald.notifications.webhooks.secret-rotation-overlap=100ms")
@Import(MutableClock.Registration.class)
class WebhookSecretOverlapIntegrationTests extends IntegrationTestBase {

	@Autowired
	MutableClock clock;

	@Test
	void afterTheOverlapOnlyTheNewSecretVerifies() throws Exception {
		var merchant = fixtures.merchant("Acme", null);
		var station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		var created = api.post("/api/v1/webhooks/subscriptions", merchant.key(),
				"{\"url\":\"" + receiver().url("/overlap") + "\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String id = created.json().get("subscription").get("id").asString();
		String oldSecret = created.text("secret");
		var rotated = api.post("/api/v1/webhooks/subscriptions/" + id + "/rotate-secret", merchant.key(), null);
		assertThat(rotated.status()).isEqualTo(200);
		String newSecret = rotated.text("secret");
		clock.advance(Duration.ofMillis(100));
		assertThat(api.get("/api/v1/webhooks/subscriptions/" + id, merchant.key()).json().has("previousSecretExpiresAt"))
			.isFalse();

		String orderId = fixtures.place(merchant, Fixtures.order("O-1", 42.507, 1.52, null, "en"));
		api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}");
		eventually("the webhook arrives", () -> receiver().received("/overlap").size() == 1);

		WebhookReceiver.Received received = receiver().received("/overlap").get(0);
		Map<String, List<String>> headers = received.lowerCaseHeaders();
		assertThat(received.header("webhook-signature").split(" ")).hasSize(1);
		new Webhook(newSecret).verify(received.body(), headers);
		assertThatThrownBy(() -> new Webhook(oldSecret).verify(received.body(), headers))
			.isInstanceOf(WebhookVerificationException.class);
	}

}
