package io.herald.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.herald.HeraldApplication;
import io.herald.support.Api;
import io.herald.support.FakeSmsProvider;
import io.herald.support.Fixtures;
import io.herald.support.IdleOutbox;
import io.herald.support.IntegrationTestBase;
import io.herald.support.Nodes;
import io.herald.support.TestDatabaseInitializer;
import io.herald.support.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.herald.support.IntegrationTestBase.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMTP server and the SMS provider go away (stopped: connections refused) for longer than the retry window (4
 * attempts, 50-200 ms apart), and come back on the same ports. The failover and DEAD rules hold while they are away,
 * the merchant's webhook is not held up by them, and a re-drive once they are back tells the customer once.
 *
 * <p>
 * Herald runs in this test with a GreenMail and an SMS provider of its own, each started again on its port, so that
 * they can go away and come back where Herald expects them without disturbing the servers the other tests share.
 * What the existing tests prove already and is not repeated here: a provider answering 503 until the retry limit
 * fails over once ({@code FailoverIntegrationTests}), a webhook receiver down past the limit ends DEAD with the reason
 * ({@code RetryIntegrationTests}), a re-driven dead SMS is sent again ({@code SmsIntegrationTests}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelOutageIntegrationTests {

	final int smtpPort = TestInfrastructure.freePort();

	GreenMail smtp;

	FakeSmsProvider sms;

	boolean smtpUp = true;

	boolean smsUp = true;

	String webhookPath;

	ConfigurableApplicationContext herald;

	JdbcClient jdbc;

	Api api;

	Fixtures.Merchant merchant;

	Fixtures.Station station;

	@BeforeAll
	void start() {
		smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		sms = FakeSmsProvider.start();
		Map<String, Object> properties = new HashMap<>(TestDatabaseInitializer.properties());
		properties.put("spring.mail.port", smtpPort);
		properties.put("spring.mail.properties.mail.smtp.connectiontimeout", "2000");
		properties.put("server.port", "0");
		properties.put("herald.security.bootstrap-admin-key", IntegrationTestBase.ADMIN_KEY);
		properties.put("herald.outbound.allow-private-networks", "true");
		properties.put("herald.assignment.cache-ttl", "0s");
		properties.put("herald.notifications.sms.base-url", sms.baseUrl());
		properties.put("herald.notifications.sms.timeout", "2s");
		properties.put("herald.notifications.max-attempts", "4");
		properties.put("herald.notifications.base-delay", "50ms");
		properties.put("herald.notifications.max-delay", "200ms");
		properties.put("herald.notifications.dispatch.poll-interval", "50ms");
		herald = new SpringApplicationBuilder(HeraldApplication.class).run(Nodes.args(properties));
		jdbc = herald.getBean(JdbcClient.class);
		api = Nodes.api(herald);
	}

	@AfterAll
	void stop() {
		if (herald != null) {
			herald.close();
		}
		if (smsUp) {
			sms.stop();
		}
		if (smtpUp) {
			smtp.stop();
		}
	}

	@BeforeEach
	void world() {
		TestInfrastructure.receiver().reset();
		var fixtures = new Fixtures(api);
		webhookPath = "/channels-" + System.nanoTime();
		merchant = fixtures.merchant("Acme " + webhookPath, TestInfrastructure.receiver().url(webhookPath));
		if (station == null) {
			station = fixtures.station("La Vella", 42.5063, 1.5218, Fixtures.ANDORRA_LA_VELLA);
		}
	}

	@AfterEach
	void bothBack() {
		if (!smtpUp) {
			smtpBack();
		}
		if (!smsUp) {
			smsBack();
		}
	}

	void smtpDown() {
		smtp.stop();
		smtpUp = false;
	}

	void smtpBack() {
		smtp.start();
		smtpUp = true;
	}

	void smsDown() {
		sms.stop();
		smsUp = false;
	}

	/** A stopped provider's server cannot start again: a new one on the same port stands for it. */
	void smsBack() {
		sms = sms.restarted();
		smsUp = true;
	}

	@Test
	void aCustomerWhoseChannelsAreBothDownPastTheRetryWindowIsToldOnceByAReDriveWhenTheyAreBack() {
		prefer("both-down@example.com", "[\"SMS\",\"EMAIL\"]");
		smsDown();
		smtpDown();
		String orderId = stocked("CD-1", "both-down@example.com");

		// SMS first: DEAD after its retries, then the email standby takes over and is DEAD after its own
		eventually("both channels are given up on", () -> statuses(orderId).equals(List.of("SMS:DEAD", "EMAIL:DEAD")));
		IdleOutbox.await(jdbc);
		// the merchant's endpoint is not held up by the customer's channels
		assertThat(TestInfrastructure.receiver().received(webhookPath)).hasSize(1);
		var dead = api.get("/api/v1/notifications/dead", merchant.key());
		assertThat(dead.json().size()).isEqualTo(2);
		assertThat(dead.json().findValues("reason")).allSatisfy(reason -> assertThat(reason.asString()).isNotBlank());

		smtpBack();
		smsBack();
		var redriven = api.post("/api/v1/notifications/redrive", merchant.key(), "{}");
		assertThat(redriven.status()).as(redriven.toString()).isEqualTo(200);
		// one message for the customer: the preferred copy is re-driven, not both
		assertThat(redriven.json().get("redriven").asInt()).isEqualTo(1);
		eventually("the SMS goes out", () -> statuses(orderId).equals(List.of("SMS:SENT", "EMAIL:DEAD")));
		IdleOutbox.await(jdbc);
		assertThat(sms.requests()).hasSize(1);
		assertThat(sms.requests().get(0).header("Idempotency-Key")).isEqualTo("msg_" + id(orderId, "SMS"));
		assertThat(smtp.getReceivedMessages()).isEmpty();

		// a second re-drive finds nothing given up on that could still reach the customer
		assertThat(api.post("/api/v1/notifications/redrive", merchant.key(), "{}").json().get("redriven").asInt())
			.isZero();
		IdleOutbox.await(jdbc);
		assertThat(sms.requests()).hasSize(1);
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(TestInfrastructure.receiver().received(webhookPath)).hasSize(1);
	}

	@Test
	void anSmtpServerDownPastTheRetryWindowFailsOverToSmsAndAReDriveLaterSendsNothingTwice() throws Exception {
		prefer("smtp-down@example.com", "[\"EMAIL\",\"SMS\"]");
		smtpDown();
		String orderId = stocked("CD-2", "smtp-down@example.com");

		eventually("the SMS carries it", () -> statuses(orderId).equals(List.of("EMAIL:DEAD", "SMS:SENT")));
		IdleOutbox.await(jdbc);
		assertThat(sms.requests()).hasSize(1);
		assertThat(jdbc.sql("select last_error from notification where order_id = ?::uuid and channel = 'EMAIL'")
			.param(orderId)
			.query(String.class)
			.single()).isNotBlank();

		smtpBack();
		// the customer was reached by SMS: re-driving the dead email would tell them twice, so nothing is re-driven
		assertThat(api.post("/api/v1/notifications/redrive", merchant.key(), "{}").json().get("redriven").asInt())
			.isZero();
		assertThat(api.post("/api/v1/notifications/msg_" + id(orderId, "EMAIL") + "/redrive", merchant.key(), null)
			.status()).isEqualTo(409);
		IdleOutbox.await(jdbc);
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(sms.requests()).hasSize(1);
		assertThat(statuses(orderId)).containsExactly("EMAIL:DEAD", "SMS:SENT");
	}

	void prefer(String email, String channels) {
		assertThat(api.put("/api/v1/customer-preferences?customer=" + email, merchant.key(),
				"{\"channels\":" + channels + "}").status()).isEqualTo(200);
	}

	String stocked(String number, String email) {
		String orderId = new Fixtures(api).place(merchant, Fixtures.order(number, 42.507, 1.52, email, "en"));
		assertThat(api.post("/api/v1/orders/" + orderId + "/stocking", station.key(), "{\"status\":\"STOCKED\"}")
			.status()).isEqualTo(200);
		return orderId;
	}

	List<String> statuses(String orderId) {
		return jdbc.sql("""
				select channel || ':' || status from notification
				where order_id = ?::uuid and channel in ('SMS', 'EMAIL') order by channel_rank""")
			.param(orderId)
			.query(String.class)
			.list();
	}

	String id(String orderId, String channel) {
		return jdbc.sql("select id::text from notification where order_id = ?::uuid and channel = ?")
			.params(orderId, channel)
			.query(String.class)
			.single();
	}

}
