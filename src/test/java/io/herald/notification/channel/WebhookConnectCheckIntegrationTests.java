package io.herald.notification.channel;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.herald.platform.OutboundUrlPolicy;
import io.herald.support.IntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production outbound policy is applied to the addresses a webhook connection is made to, not only to the URL
 * before the send: a name that resolves (or rebinds) to loopback is refused by the connection itself, for good.
 */
@TestPropertySource(properties = "herald.outbound.allow-private-networks=false")
class WebhookConnectCheckIntegrationTests extends IntegrationTestBase {

	@Autowired
	OutboundUrlPolicy policy;

	@Test
	void theConnectionItselfRefusesAnAddressThePolicyRefuses() throws Exception {
		try (var http = new WebhookHttp(policy, Duration.ofSeconds(2), Duration.ofSeconds(3))) {
			// no URL check ran before this send: only the connection's own resolution can refuse it
			var answer = http.post(URI.create(receiver().url("/rebound")), Map.of("webhook-id", "msg_1"), "{}",
					"application/json");
			assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(WebhookHttp.RefusedAddress.class)
				.hasMessageContaining("127.0.0.0/8");
			var byName = http.post(URI.create(receiver().url("/rebound").replace("127.0.0.1", "localhost")),
					Map.of(), "{}", "application/json");
			assertThatThrownBy(() -> byName.get(10, TimeUnit.SECONDS)).cause()
				.isInstanceOf(WebhookHttp.RefusedAddress.class);
		}
		assertThat(receiver().received("/rebound")).isEmpty();
	}

}
