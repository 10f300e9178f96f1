package io.herald.access.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herald.HeraldApplication;
import io.herald.support.Api;
import io.herald.support.BurstFixtures;
import io.herald.support.Fixtures;
import io.herald.support.Nodes;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.herald.support.IntegrationTestBase.eventually;
import static io.herald.support.Nodes.api;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database share a merchant's limit: once each has seen the other's heartbeat, each allows half of
 * the burst, so the two together serve at most the limit (the documented factor in steady state is 1; with a period
 * of an hour, nothing refills during the test).
 */
class CallerRateLimitTwoNodesIntegrationTests {

	static final int LIMIT = 20;

	final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@AfterEach
	void stop() {
		for (int i = nodes.size() - 1; i >= 0; i--) {
			nodes.get(i).close();
		}
	}

	ConfigurableApplicationContext start(Map<String, Object> properties) {
		var node = new SpringApplicationBuilder(HeraldApplication.class).run(Nodes.args(properties));
		nodes.add(node);
		return node;
	}

	@Test
	void twoNodesTogetherServeNoMoreThanTheLimit() {
		Map<String, Object> properties = BurstFixtures.nodeProperties();
		properties.put("server.port", "0");
		properties.put("herald.notifications.dispatch.enabled", "false");
		properties.put("herald.rate-limits.merchant.requests", LIMIT);
		properties.put("herald.rate-limits.merchant.period", "1h");
		properties.put("herald.rate-limits.node-heartbeat", "200ms");
		properties.put("herald.rate-limits.node-timeout", "5s");
		var a = start(properties);
		var b = start(properties);
		eventually("each node sees two", Duration.ofSeconds(30),
				() -> a.getBean(LiveNodes.class).count() == 2 && b.getBean(LiveNodes.class).count() == 2);

		Api apiA = api(a);
		Api apiB = api(b);
		var merchant = new Fixtures(apiA).merchant("Shared", TestInfrastructure.receiver().url("/two-nodes"));
		String path = "/api/v1/merchants/" + merchant.id();

		// alternate between the nodes until both refuse
		int servedA = 0;
		int servedB = 0;
		boolean refusedA = false;
		boolean refusedB = false;
		for (int i = 0; i < 4 * LIMIT && !(refusedA && refusedB); i++) {
			boolean toA = i % 2 == 0;
			int status = (toA ? apiA : apiB).get(path, merchant.key()).status();
			assertThat(status).isIn(200, 429);
			if (toA) {
				servedA += status == 200 ? 1 : 0;
				refusedA |= status == 429;
			}
			else {
				servedB += status == 200 ? 1 : 0;
				refusedB |= status == 429;
			}
		}
		assertThat(refusedA && refusedB).as("both nodes refuse in the end").isTrue();
		assertThat(servedA + servedB).as("served by both nodes together").isEqualTo(LIMIT);
		assertThat(servedA).as("each node's share").isEqualTo(LIMIT / 2);
		assertThat(servedB).as("each node's share").isEqualTo(LIMIT / 2);
	}

}
