package io.herald.live;

import java.util.List;
import java.util.UUID;

import io.herald.notification.channel.LiveChannel;
import io.herald.notification.channel.Message;
import io.herald.notification.channel.SendOutcome;
import io.herald.notification.policy.NotificationKind;
import io.herald.order.TrackingTokens;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static io.herald.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live channel switched off the way every channel is: by leaving {@code live} out of
 * {@code herald.notifications.channels}. Nothing is recorded for the streams, every stream (an order's, a station's,
 * a tracking page's) is refused with 503, and no message is copied to it; the other channels carry on.
 */
@TestPropertySource(properties = "herald.notifications.channels=webhook,email,sms,log")
class LiveChannelDisabledIntegrationTests extends IntegrationTestBase {

	@Autowired
	LiveChannel channel;

	@Autowired
	TrackingTokens tokens;

	@Test
	void withoutLiveInTheChannelsNothingIsRecordedAndEveryStreamIsRefused() {
		var acme = fixtures.merchant("Acme", null);
		var laVella = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		String orderId = fixtures.place(acme, Fixtures.order("D-1", 42.507, 1.52, "off@example.com", "en"));
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", laVella.key(), "{\"status\":\"STOCKED\"}")
			.status()).isEqualTo(200);
		eventually("the email arrives", () -> TestInfrastructure.greenMail().getReceivedMessages().length == 1);
		awaitIdleOutbox();

		assertThat(count("select count(*) from live_event")).isZero();
		assertThat(jdbc.sql("select channel from notification where order_id = ?::uuid order by channel")
			.param(orderId).query(String.class).list()).containsExactly("EMAIL", "LOG");

		String token = tokens.tokensFor(List.of(UUID.fromString(orderId))).get(UUID.fromString(orderId));
		for (var refused : List.of(api.stream("/api/v1/orders/" + orderId + "/live", acme.key(), null).refusal(),
				api.stream("/api/v1/stations/" + laVella.id() + "/live", laVella.key(), null).refusal(),
				api.stream("/track/" + token + "/live", null, null).refusal())) {
			assertProblem(refused, 503, "live-unavailable");
			assertThat(refused.text("detail")).contains("herald.notifications.channels");
		}
		// the page itself still works, without its live updates
		assertThat(api.get("/track/" + token, null).status()).isEqualTo(200);
	}

	@Test
	void aCopyQueuedBeforeTheChannelWasSwitchedOffIsRefusedForGood() {
		assertThat(channel.enabled()).isFalse();
		var outcome = channel.send(new Message(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				NotificationKind.STOCKED, "D-2", "en", "Your order D-2 is ready", "Good news", null, 1));
		assertThat(outcome.result()).isEqualTo(SendOutcome.Result.PERMANENT);
		assertThat(count("select count(*) from live_event")).isZero();
	}

}
