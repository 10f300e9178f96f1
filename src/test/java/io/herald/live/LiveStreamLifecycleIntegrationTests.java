package io.herald.live;

import java.time.Duration;

import io.herald.support.EventStream;
import io.herald.support.Fixtures;
import io.herald.support.IntegrationTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static io.herald.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How streams end and what they hold: the timeout ends a stream cleanly, heartbeats keep an idle one alive, a client
 * that leaves frees its place, and a node refuses streams beyond its limit. Every ending is an ASYNC dispatch of the
 * request, which the security filter chain must let through as the request it continues: a refusal would only show in
 * the log, as an exception on an already committed response.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "herald.live.timeout=3s", "herald.live.heartbeat=100ms",
		"herald.live.max-streams=2" })
class LiveStreamLifecycleIntegrationTests extends IntegrationTestBase {

	@Autowired
	MeterRegistry meters;

	Fixtures.Merchant acme;

	Fixtures.Station laVella;

	String orderId;

	@BeforeEach
	void anOrder() {
		eventually("streams of earlier tests are gone", () -> openStreams() == 0);
		acme = fixtures.merchant("Acme", null);
		laVella = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		orderId = fixtures.place(acme, Fixtures.order("T-1", 42.507, 1.52, null, "en"));
	}

	@Test
	void aStreamEndsCleanlyAtItsTimeoutAndTheClientResumes(CapturedOutput output) {
		String lastEventId;
		try (EventStream stream = api.stream("/api/v1/orders/" + orderId + "/live", acme.key(), null)) {
			lastEventId = stream.next(Duration.ofSeconds(3)).id();
			eventually("the server ended the stream at its timeout", stream::ended);
			assertThat(stream.comments()).as("heartbeats while idle").isGreaterThanOrEqualTo(5);
			assertThat(stream.unexpected()).as("nothing but events and comments").isEmpty();
		}
		eventually("the stream is forgotten", () -> openStreams() == 0);

		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", laVella.key(), "{\"status\":\"STOCKED\"}")
			.status()).isEqualTo(200);
		try (EventStream resumed = api.stream("/api/v1/orders/" + orderId + "/live", acme.key(), lastEventId)) {
			assertThat(resumed.next(Duration.ofSeconds(3)).type()).isEqualTo("order.stocked");
			assertThat(resumed.next(Duration.ofMillis(300))).isNull();
		}
		assertThat(output.getAll()).doesNotContain("Access Denied", "AuthorizationDeniedException",
				"response is already committed");
	}

	@Test
	void aNodeRefusesStreamsBeyondItsLimitAndFreesThePlaceOfAClientThatLeft(CapturedOutput output) {
		String path = "/api/v1/orders/" + orderId + "/live";
		try (EventStream first = api.stream(path, acme.key(), null);
				EventStream second = api.stream(path, laVella.key(), null)) {
			assertThat(first.status()).isEqualTo(200);
			assertThat(second.status()).isEqualTo(200);
			var refused = api.stream(path, acme.key(), null).refusal();
			assertProblem(refused, 503, "live-unavailable");

			first.close();
			// well before the 3 s timeout: the next heartbeat finds the connection gone
			eventually("the place of the client that left is free", () -> openStreams() == 1);
			try (EventStream third = api.stream(path, acme.key(), null)) {
				assertThat(third.status()).isEqualTo(200);
				assertThat(third.next(Duration.ofSeconds(3)).type()).isEqualTo("order.assigned");
			}
		}
		eventually("every stream is forgotten", () -> openStreams() == 0);
		assertThat(output.getAll()).doesNotContain("Access Denied", "AuthorizationDeniedException",
				"response is already committed");
	}

	/**
	 * A client that leaves races the container's error notification against the sender's completion; either way the
	 * ASYNC dispatch that follows must pass the security filters. Thirty departures make a lost race very likely.
	 */
	@Test
	void clientsThatLeaveAreLetGoWithoutSecurityErrors(CapturedOutput output) {
		for (int i = 0; i < 30; i++) {
			try (EventStream stream = api.stream("/api/v1/orders/" + orderId + "/live", acme.key(), null)) {
				assertThat(stream.next(Duration.ofSeconds(3)).type()).isEqualTo("order.assigned");
			}
			eventually("the stream is forgotten", () -> openStreams() == 0);
		}
		assertThat(output.getAll()).doesNotContain("Access Denied", "AuthorizationDeniedException",
				"response is already committed");
	}

	private int openStreams() {
		return (int) meters.get("herald.live.streams").gauge().value();
	}

}
